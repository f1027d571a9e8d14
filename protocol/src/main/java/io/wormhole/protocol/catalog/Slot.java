package io.wormhole.protocol.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A variable segment of a binding shape ({@code {EVENT}}): which words it accepts and
 * what each becomes in the AMQP pattern. {@code *} is always accepted and stays
 * {@code *}. Kinds: a list of values (each maps to itself), a map (binding word to
 * AMQP word), a regular expression, or any word. Immutable.
 */
final class Slot {
    private final String name;
    private final Map<String, String> values; // null: not enumerated
    private final Pattern regex;              // null: no pattern

    private Slot(String name, Map<String, String> values, Pattern regex) {
        this.name = name;
        this.values = values;
        this.regex = regex;
    }

    static Slot any(String name) {
        return new Slot(name, null, null);
    }

    static Slot ofValues(String name, List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : values) {
            m.put(v, v);
        }
        return new Slot(name, Collections.unmodifiableMap(m), null);
    }

    static Slot ofMap(String name, Map<String, String> map) {
        return new Slot(name, Collections.unmodifiableMap(new LinkedHashMap<>(map)), null);
    }

    static Slot ofRegex(String name, Pattern regex) {
        return new Slot(name, null, regex);
    }

    String name() {
        return name;
    }

    /** The binding words a template lists one by one (without {@code *}), or null when the slot is open. */
    Iterable<String> enumerated() {
        return values == null ? null : values.keySet();
    }

    /** The AMQP word for this binding word, or null when the slot does not accept it. */
    String map(String word) {
        if (word.equals("*")) {
            return "*";
        }
        if (values != null) {
            return values.get(word);
        }
        if (regex != null) {
            return regex.matcher(word).matches() ? word : null;
        }
        return word;
    }

    /** What the slot accepts, for error texts. */
    String describe() {
        if (values != null) {
            return String.join(", ", values.keySet()) + ", '*'";
        }
        if (regex != null) {
            return "a word matching " + regex.pattern() + ", or '*'";
        }
        return "any word";
    }
}
