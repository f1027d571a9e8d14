package io.wormhole.perf.latency;

import java.nio.charset.StandardCharsets;

/**
 * The intended send time the publisher writes into each Event, as a JSON field holding a
 * {@link System#nanoTime()} value, and the search that finds it again in a received frame
 * without decoding the frame (a byte search over the frame's copy). The gateway's default
 * {@code kazoo} form renames the field, so each spelling is its own {@code Stamp}.
 * Immutable; any thread.
 */
final class Stamp {
    /** The field as published, in Kazoo's Title-Case-Hyphen spelling. */
    static final Stamp PUBLISHED = new Stamp("Probe-Sent-Nanos");
    /** The same field after the gateway's {@code kazoo} form (lower case, {@code -} → {@code _}). */
    static final Stamp KAZOO = new Stamp("probe_sent_nanos");
    /** What {@link #find} returns when the frame has no stamp. */
    static final long ABSENT = Long.MIN_VALUE;

    private final String field;
    private final byte[] needle;

    private Stamp(String field) {
        this.field = field;
        this.needle = ("\"" + field + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    String field() {
        return field;
    }

    /** The stamp's value in {@code b[from, to)}, or {@link #ABSENT}. */
    long find(byte[] b, int from, int to) {
        int last = to - needle.length;
        byte first = needle[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return number(b, i + needle.length, to);
        }
        return ABSENT;
    }

    private static long number(byte[] b, int at, int to) {
        int i = at;
        while (i < to && b[i] == ' ') {
            i++;
        }
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        int start = i;
        long v = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        if (i == start) {
            return ABSENT;
        }
        return negative ? -v : v;
    }
}
