package io.wormhole.gateway.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * How Kazoo writes the parts of its messages that the demo imitates (kazoo-events.md,
 * "Conventions"): routing-key encoding of ids, account database names, Gregorian
 * timestamps, ids, and the common headers. Pure functions.
 */
final class KazooWire {
    /** Seconds from 0000-01-01 to 1970-01-01: Kazoo's timestamps are Gregorian seconds. */
    static final long GREGORIAN_OFFSET = 62_167_219_200L;
    static final String VERSION = "4.3.0";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private KazooWire() {
    }

    /**
     * A routing-key word from an id: {@code A-Z a-z 0-9 - ~ _} stay, a space is {@code +},
     * any other byte (so also {@code .}) is {@code %XX}; a bare {@code *} or {@code #} stays.
     */
    static String encode(String id) {
        if (id.equals("*") || id.equals("#")) {
            return id;
        }
        StringBuilder out = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '~' || c == '_') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(HEX[c >> 4])).append(Character.toUpperCase(HEX[c & 15]));
            }
        }
        return out.toString();
    }

    /** The account's database name, not encoded: {@code account/xx/yy/<remaining 28>}. */
    static String accountDb(String accountId) {
        return "account/" + accountId.substring(0, 2) + "/" + accountId.substring(2, 4) + "/"
                + accountId.substring(4);
    }

    static long gregorian(Instant t) {
        return t.getEpochSecond() + GREGORIAN_OFFSET;
    }

    /** {@code n} random lower-case hex characters (a Kazoo id is 32). */
    static String hex(Random random, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }

    /** A FreeSWITCH-style UUID, as B-leg call ids and conference instances are. */
    static String uuid(Random random) {
        String h = hex(random, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20);
    }

    /** A payload opened with the headers every Kazoo message carries. */
    static Map<String, Object> message(Random random, String category, String name, String app, String node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Event-Category", category);
        m.put("Event-Name", name);
        m.put("App-Name", app);
        m.put("App-Version", VERSION);
        m.put("Msg-ID", hex(random, 32));
        m.put("Node", node);
        return m;
    }
}
