package io.wormhole.protocol.payload;

import java.io.IOException;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * One AMQP delivery's payload, parsed once: its {@code Event-Name}, its tree (for the
 * account locators) and its {@code data} in each form, each computed at most once and
 * then shared by every frame made from this event. Not thread-safe: one delivery is
 * routed by one thread.
 */
public final class EventPayload {
    private static final ObjectReader READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build()).build())
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
            throw new IllegalArgumentException("payload is not valid JSON", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        return new EventPayload(body, tree);
    }

    /** The {@code Event-Name} string, or null when absent or not a string. */
    public String eventName() {
        JsonNode n = tree.get("Event-Name");
        return n != null && n.isTextual() ? n.asText() : null;
    }

    /** The parsed payload; callers must not modify it. */
    public JsonNode tree() {
        return tree;
    }

    /** The event's {@code data} in the given form; the same array on every call. */
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
