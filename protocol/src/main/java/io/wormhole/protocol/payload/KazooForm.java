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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Kazoo's rewriting of a payload before a client sees it (kazoo-events.md, "The kazoo
 * payload form"): the internal routing headers are removed from the top level; every
 * key at every depth (objects inside arrays too) has {@code -} turned into {@code _}
 * and is lower-cased; keys whose value is {@code null} are dropped. Values are written
 * unchanged. Written straight from the parsed tree to bytes with one generator, no
 * intermediate tree. Thread-safe.
 */
public final class KazooForm {
    /** Top-level keys Kazoo strips: routing internals a client has no use for. */
    public static final Set<String> INTERNAL_HEADERS = Set.of("Access-Group", "Defer-Response",
            "Destination-Server", "Geo-Location", "System-Log-ID", "Node", "Server-Queue-ID", "Raw-Headers",
            "Server-ID", "Request-From-PID", "Reply-To-PID", "AMQP-Broker", "AMQP-Broker-Zone");

    /** A mapper's factory, so that generators can write scalar tree nodes. */
    private static final JsonFactory FACTORY = new ObjectMapper().getFactory();

    private KazooForm() {
    }

    /** The kazoo form of a JSON object payload. */
    public static byte[] apply(JsonNode payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, payload, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The kazoo form of a payload given as bytes; rejects anything but a JSON object. */
    public static byte[] apply(byte[] body) {
        return EventPayload.parse(body).data(PayloadForm.KAZOO);
    }

    /** Kazoo's key rewriting: {@code Custom-Channel-Vars} becomes {@code custom_channel_vars}. */
    public static String normaliseKey(String key) {
        return key.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static void write(JsonGenerator g, JsonNode node, boolean top) throws IOException {
        if (node.isObject()) {
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
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element, false);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }
}
