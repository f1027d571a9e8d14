package io.wormhole.protocol.payload;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One AMQP delivery's payload, parsed once: its {@code Event-Name}, its tree (for the
 * account locators) and its {@code data} in each form, each computed at most once and
 * then shared by every frame made from this event. Not thread-safe: one delivery is
 * routed by one thread.
 */
public final class EventPayload {
    /**
     * Deepest nesting accepted. Kazoo payloads are a few levels deep; the cap keeps a
     * hostile publisher from exhausting the stack of the recursive writer.
     */
    static final int MAX_DEPTH = 256;

    /**
     * Decimals are read as {@code BigDecimal} with trailing zeros kept, so that the kazoo
     * form writes the values as published ({@code 1.10} stays {@code 1.10}, a huge
     * exponent does not become infinity).
     */
    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build()
            .reader();

    private final byte[] body;
    private final JsonNode tree;
    private byte[] kazoo;

    private EventPayload(byte[] body, JsonNode tree) {
        this.body = body;
        this.tree = tree;
    }

    /**
     * Parses a payload.
     *
     * @throws IllegalArgumentException when the body is not one JSON object
     */
    public static EventPayload parse(byte[] body) {
        JsonNode tree;
        try {
            tree = READER.readTree(body);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new IllegalArgumentException("payload is not valid JSON: " + why, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        return new EventPayload(body, tree);
    }

    /** The {@code Event-Name} string, or null when absent or not a string. */
    public String eventName() {
        JsonNode n = tree.get("Event-Name");
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** The parsed payload; callers must not modify it. */
    public JsonNode tree() {
        return tree;
    }

    /**
     * The event's {@code data} in the given form, computed on the first call for that
     * form; later calls return the same array. {@code RAW} is the body as published.
     * The array is shared by every frame made from this event: callers must not modify it.
     */
    public byte[] data(PayloadForm form) {
        if (form == PayloadForm.RAW) {
            return body;
        }
        if (kazoo == null) {
            kazoo = KazooForm.apply(tree);
        }
        return kazoo;
    }
}
