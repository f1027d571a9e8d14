package io.wormhole.protocol.payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kazoo's rewriting of a payload before a client sees it (kazoo-events.md, "The kazoo
 * payload form"): the internal routing headers are removed from the top level; every
 * key at every depth (objects inside arrays too) has {@code -} turned into {@code _}
 * and is lower-cased; keys whose value is {@code null} are dropped (a {@code null}
 * element of an array is a value, not a key, and stays). Values are written unchanged.
 *
 * <p>The output is written straight from the parsed tree to bytes with one generator:
 * no copied or rewritten tree. Keys that collide after rewriting ({@code Call-ID} and
 * {@code call_id}) are both written, as Kazoo does. Stateless and thread-safe.
 */
public final class KazooForm {
    /** Top-level keys Kazoo strips: routing internals a client has no use for. */
    public static final Set<String> INTERNAL_HEADERS = Set.of("Access-Group", "Defer-Response",
            "Destination-Server", "Geo-Location", "System-Log-ID", "Node", "Server-Queue-ID", "Raw-Headers",
            "Server-ID", "Request-From-PID", "Reply-To-PID", "AMQP-Broker", "AMQP-Broker-Zone");

    /** Characters outside the BMP (emoji in a caller name) go out as UTF-8, not as escaped surrogates. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private KazooForm() {
    }

    /** The kazoo form of a JSON object payload, as UTF-8 JSON text; the caller owns the array. */
    public static byte[] apply(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, payload, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The kazoo form of a payload given as bytes.
     *
     * @throws IllegalArgumentException when the body is not one JSON object
     */
    public static byte[] apply(byte[] body) {
        return EventPayload.parse(body).data(PayloadForm.KAZOO);
    }

    /** Kazoo's key rewriting: {@code Custom-Channel-Vars} becomes {@code custom_channel_vars}. */
    public static String normaliseKey(String key) {
        return key.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static void write(JsonGenerator g, JsonNode node, boolean top) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isNull() || (top && INTERNAL_HEADERS.contains(e.getKey()))) {
                        continue;
                    }
                    g.writeFieldName(normaliseKey(e.getKey()));
                    write(g, e.getValue(), false);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(g, element, false);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> number(g, node);
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            // binary, POJO and missing nodes never come out of parsing JSON text
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void number(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> g.writeNumber(node.intValue());
            case LONG -> g.writeNumber(node.longValue());
            case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
            case FLOAT -> g.writeNumber(node.floatValue());
            case DOUBLE -> g.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
        }
    }
}
