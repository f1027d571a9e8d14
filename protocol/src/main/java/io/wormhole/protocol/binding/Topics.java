package io.wormhole.protocol.binding;

import java.util.ArrayList;
import java.util.List;

/**
 * AMQP 0-9-1 topic semantics as RabbitMQ implements them ({@code rabbit_db_topic_exchange}):
 * words are separated by {@code .}; in a pattern {@code *} matches exactly one word and
 * {@code #} zero or more words. Empty words are words: {@code "a..b"} has three,
 * {@code "a."} two ({@code "a"} and {@code ""}), and the empty key has none, so
 * {@code *} matches an empty word but not the empty key, while {@code #} matches the
 * empty key. Pure functions, safe from any thread.
 */
public final class Topics {
    private static final String STAR = "*";
    private static final String HASH = "#";

    private Topics() {
    }

    /** The words of a routing key or pattern, split on every {@code .}; {@code ""} has no words. */
    public static List<String> words(String key) {
        List<String> out = new ArrayList<>(8);
        if (key.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', start)) {
            out.add(key.substring(start, dot));
            start = dot + 1;
        }
        out.add(key.substring(start));
        return out;
    }

    /** Whether the pattern matches the routing key. */
    public static boolean matches(String pattern, String routingKey) {
        return matches(words(pattern), words(routingKey));
    }

    /**
     * Whether the pattern's words match the routing key's words.
     *
     * <p>Glob matching over words: {@code #} is "any run of words", {@code *} "any one
     * word". On a mismatch the walk returns to the latest {@code #} and lets it swallow
     * one more word; earlier {@code #}s never need revisiting, because the latest one
     * can absorb whatever they would. Cost O(pattern × key) at worst, no recursion, no
     * allocation.
     */
    public static boolean matches(List<String> pattern, List<String> key) {
        int p = 0;
        int k = 0;
        int hashAt = -1;   // pattern index of the latest '#', -1 before any
        int resumeAt = 0;  // key index that '#' would take next
        int pn = pattern.size();
        int kn = key.size();
        while (k < kn) {
            String w = p < pn ? pattern.get(p) : null;
            if (HASH.equals(w)) {
                hashAt = p++;
                resumeAt = k;
            } else if (w != null && (STAR.equals(w) || w.equals(key.get(k)))) {
                p++;
                k++;
            } else if (hashAt >= 0) {
                p = hashAt + 1;
                k = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pn && HASH.equals(pattern.get(p))) {
            p++;
        }
        return p == pn;
    }
}
