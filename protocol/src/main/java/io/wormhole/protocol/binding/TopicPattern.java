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

    private final String text;
    private final List<String> words;

    private TopicPattern(String text, List<String> words) {
        this.text = text;
        this.words = words;
    }

    /** Validates the text; throws {@link ProtocolException} with code {@code invalid_binding}. */
    public static TopicPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("binding '': empty binding");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid("binding '" + text.substring(0, 32) + "...': longer than " + MAX_BYTES + " bytes");
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
                throw invalid("binding '" + text + "': at most " + MAX_HASHES + " '#' segments");
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
        return o instanceof TopicPattern && ((TopicPattern) o).text.equals(text);
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
