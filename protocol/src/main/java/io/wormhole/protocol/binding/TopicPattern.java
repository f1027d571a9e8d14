package io.wormhole.protocol.binding;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;

/**
 * A binding that passed the generic syntax rules of protocol §4: 1 to 255 bytes, no
 * empty segment, {@code *} and {@code #} only as whole segments, at most two
 * {@code #} (as RabbitMQ). Each rule breaks with its own text, naming the binding and
 * the 1-based segment position. Family rules are the catalogue's business. Immutable.
 */
public final class TopicPattern {
    /** Longest binding, in UTF-8 bytes (an AMQP short string). */
    public static final int MAX_BYTES = 255;
    /** Most {@code #} segments in one binding. */
    public static final int MAX_HASHES = 2;
    /** How much of an over-long binding its error text repeats. */
    private static final int ECHOED_CODE_POINTS = 32;

    private final String text;
    private final List<String> words;

    private TopicPattern(String text, List<String> words) {
        this.text = text;
        this.words = words;
    }

    /**
     * Validates the text.
     *
     * @throws ProtocolException with code {@code invalid_binding} and one text naming the
     *                           binding and the first rule it breaks
     */
    public static TopicPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("binding '': empty binding");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            // a long binding is not echoed whole: an error text stays readable in a client log
            int shown = Math.min(ECHOED_CODE_POINTS, text.codePointCount(0, text.length()));
            String head = text.substring(0, text.offsetByCodePoints(0, shown));
            throw invalid("binding '" + head + "...': longer than " + MAX_BYTES + " bytes");
        }
        List<String> words = Topics.words(text);
        int hashes = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.isEmpty()) {
                throw invalid("binding '" + text + "': empty segment at position " + (i + 1));
            }
            if (w.length() > 1 && (w.indexOf('*') >= 0 || w.indexOf('#') >= 0)) {
                throw invalid("binding '" + text + "': wildcard inside a word at position " + (i + 1)
                        + "; '*' and '#' must be whole segments");
            }
            if (w.equals("#") && ++hashes > MAX_HASHES) {
                throw invalid("binding '" + text + "': at most " + MAX_HASHES + " '#' segments (another at position "
                        + (i + 1) + ")");
            }
        }
        return new TopicPattern(text, List.copyOf(words));
    }

    public String text() {
        return text;
    }

    public List<String> words() {
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    static ProtocolException invalid(String text) {
        return new ProtocolException(ErrorCode.INVALID_BINDING, text);
    }
}
