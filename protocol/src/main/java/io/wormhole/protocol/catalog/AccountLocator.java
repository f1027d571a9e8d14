package io.wormhole.protocol.catalog;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an event's account id is found: a string field of the payload, or a word of
 * the routing key (with a payload field as fallback). Immutable values with equality,
 * so a router can locate the account once per distinct locator per event; safe from
 * any thread.
 */
public sealed interface AccountLocator {

    /**
     * The event's account id, or null when it has none there (absent, empty or not a
     * string). Only reads {@code payload}.
     */
    String locate(String routingKey, JsonNode payload);

    /** A string field of the payload, by path: {@code [Custom-Channel-Vars, Account-ID]}. */
    record PayloadField(List<String> path) implements AccountLocator {
        public PayloadField {
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("empty payload path");
            }
        }

        @Override
        public String locate(String routingKey, JsonNode payload) {
            return field(path, payload);
        }

        @Override
        public String toString() {
            return "payload " + String.join(".", path);
        }
    }

    /**
     * The routing key's word at a 1-based position; when the key has no such word, or
     * it is empty, the payload field at {@code fallbackPath} (none when empty).
     */
    record RoutingKeyWord(int position, List<String> fallbackPath) implements AccountLocator {
        public RoutingKeyWord {
            if (position < 1) {
                throw new IllegalArgumentException("routing key positions start at 1");
            }
            fallbackPath = List.copyOf(fallbackPath);
        }

        @Override
        public String locate(String routingKey, JsonNode payload) {
            int start = 0;
            for (int word = 1; word < position; word++) {
                int dot = routingKey.indexOf('.', start);
                if (dot < 0) {
                    return field(fallbackPath, payload);
                }
                start = dot + 1;
            }
            int end = routingKey.indexOf('.', start);
            if ((end < 0 ? routingKey.length() : end) == start) {
                return field(fallbackPath, payload);
            }
            return end < 0 ? routingKey.substring(start) : routingKey.substring(start, end);
        }

        @Override
        public String toString() {
            return "routing key word " + position
                    + (fallbackPath.isEmpty() ? "" : ", else payload " + String.join(".", fallbackPath));
        }
    }

    /** The non-empty string at {@code path} in {@code payload}, else null; an empty path finds nothing. */
    private static String field(List<String> path, JsonNode payload) {
        if (path.isEmpty() || payload == null) {
            return null;
        }
        JsonNode n = payload;
        for (int i = 0; i < path.size() && n != null; i++) {
            n = n.get(path.get(i));
        }
        return n != null && n.isTextual() && !n.textValue().isEmpty() ? n.textValue() : null;
    }
}
