package io.wormhole.protocol.catalog;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an event's account id is found: a string field of the payload, a word of the
 * routing key (with a payload field as fallback), or the database a routing key word
 * names. Immutable values with equality,
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
     * it is empty, {@code *} or {@code #} (Kazoo writes {@code *} where a publisher had no
     * account), the payload field at {@code fallbackPath} (none when empty).
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
            String w = word(routingKey, position);
            return w == null || w.equals("*") || w.equals("#") ? field(fallbackPath, payload) : w;
        }

        @Override
        public String toString() {
            return "routing key word " + position
                    + (fallbackPath.isEmpty() ? "" : ", else payload " + String.join(".", fallbackPath));
        }
    }

    /**
     * The account whose database is named by the routing key's word at a 1-based position:
     * the account's own database {@code account%2Fxx%2Fyy%2F<rest>} or one of its monthly
     * databases {@code <that>-YYYYMM} ({@code /} or {@code %2f} as separators too). Any
     * other database (the aggregates {@code sip_auth}, {@code accounts}, {@code faxes},
     * ...) belongs to no account, whatever its payload says: Kazoo publishes the same
     * document change from those with the same {@code Account-ID}, and an account's
     * subscribers must see it once, from the account's own database.
     */
    record DatabaseWord(int position) implements AccountLocator {
        public DatabaseWord {
            if (position < 1) {
                throw new IllegalArgumentException("routing key positions start at 1");
            }
        }

        @Override
        public String locate(String routingKey, JsonNode payload) {
            String db = word(routingKey, position);
            return db == null ? null : AccountDatabase.accountOf(db);
        }

        @Override
        public String toString() {
            return "account of the database in routing key word " + position;
        }
    }

    /** The routing key's word at a 1-based position, or null when it has none there or it is empty. */
    private static String word(String routingKey, int position) {
        int start = 0;
        for (int word = 1; word < position; word++) {
            int dot = routingKey.indexOf('.', start);
            if (dot < 0) {
                return null;
            }
            start = dot + 1;
        }
        int end = routingKey.indexOf('.', start);
        if ((end < 0 ? routingKey.length() : end) == start) {
            return null;
        }
        return end < 0 ? routingKey.substring(start) : routingKey.substring(start, end);
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
