package io.wormhole.protocol.catalog;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an event's account id is found: a field of the payload, or a word of the
 * routing key (with a payload field as fallback). Immutable values with equality, so a
 * router can locate the account once per distinct locator per event.
 */
public sealed interface AccountLocator {

    /** The event's account id, or null when it has none there. */
    String locate(String routingKey, JsonNode payload);

    /** A string field of the payload, by path: {@code Custom-Channel-Vars.Account-ID}. */
    record PayloadField(List<String> path) implements AccountLocator {
        public PayloadField {
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("empty payload path");
            }
        }

        @Override
        public String locate(String routingKey, JsonNode payload) {
            JsonNode n = payload;
            for (int i = 0; i < path.size() && n != null; i++) {
                n = n.get(path.get(i));
            }
            return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
        }

        @Override
        public String toString() {
            return "payload " + String.join(".", path);
        }
    }

    /**
     * The routing key's word at a 1-based position; when the key has no such word, or
     * it is empty, the payload field {@code fallback} (if any).
     */
    record RoutingKeyWord(int position, List<String> fallback) implements AccountLocator {
        public RoutingKeyWord {
            if (position < 1) {
                throw new IllegalArgumentException("routing key positions start at 1");
            }
            fallback = List.copyOf(fallback);
        }

        @Override
        public String locate(String routingKey, JsonNode payload) {
            int start = 0;
            for (int word = 1; word < position; word++) {
                int dot = routingKey.indexOf('.', start);
                if (dot < 0) {
                    return fallback(routingKey, payload);
                }
                start = dot + 1;
            }
            int end = routingKey.indexOf('.', start);
            String w = end < 0 ? routingKey.substring(start) : routingKey.substring(start, end);
            return w.isEmpty() ? fallback(routingKey, payload) : w;
        }

        private String fallback(String routingKey, JsonNode payload) {
            return fallback.isEmpty() ? null : new PayloadField(fallback).locate(routingKey, payload);
        }

        @Override
        public String toString() {
            return "routing key word " + position + (fallback.isEmpty() ? "" : ", else payload "
                    + String.join(".", fallback));
        }
    }
}
