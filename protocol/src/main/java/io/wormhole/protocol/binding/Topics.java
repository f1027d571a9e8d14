package io.wormhole.protocol.binding;

import java.util.ArrayList;
import java.util.List;

/**
 * AMQP 0-9-1 topic semantics as RabbitMQ implements them: words are separated by
 * {@code .}; in a pattern {@code *} matches exactly one word and {@code #} zero or
 * more words. Empty words are words: {@code "a..b"} has three, {@code "a."} two
 * ({@code "a"} and {@code ""}), and the empty key has none, so {@code *} matches an
 * empty word but not the empty key, while {@code #} matches the empty key.
 */
public final class Topics {
    private Topics() {
    }

    /** The words of a routing key or pattern; {@code ""} has no words. */
    public static List<String> words(String key) {
        List<String> out = new ArrayList<>();
        if (key.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.') {
                out.add(key.substring(start, i));
                start = i + 1;
            }
        }
        out.add(key.substring(start));
        return out;
    }

    /** Whether the pattern matches the routing key. */
    public static boolean matches(String pattern, String routingKey) {
        return matches(words(pattern), 0, words(routingKey), 0);
    }

    /** Whether pattern words from {@code p} match key words from {@code k}. */
    public static boolean matches(List<String> pattern, int p, List<String> key, int k) {
        while (p < pattern.size()) {
            String w = pattern.get(p);
            if (w.equals("#")) {
                if (p == pattern.size() - 1) {
                    return true;
                }
                for (int skip = k; skip <= key.size(); skip++) {
                    if (matches(pattern, p + 1, key, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (k == key.size() || !(w.equals("*") || w.equals(key.get(k)))) {
                return false;
            }
            p++;
            k++;
        }
        return k == key.size();
    }
}
