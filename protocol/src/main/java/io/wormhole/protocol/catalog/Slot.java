package io.wormhole.protocol.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A variable segment of a binding shape ({@code {EVENT}}): which words it accepts and
 * what each becomes in the AMQP pattern. Kinds: a list of values (each maps to itself),
 * a map (binding word to AMQP word), a regular expression, a list of values together with
 * a regular expression (the values are the known ones, advertised in templates; the
 * expression admits more), or any word.
 *
 * <p>{@code *} is always accepted. It stays {@code *} in the AMQP pattern, unless the slot
 * is <em>listed</em> ({@code "wildcard": "listed"}, values or map only): then {@code *}
 * (and a {@code #} covering the slot) means each listed value, and the binding needs one
 * AMQP pattern per value, so that words the catalogue does not list never reach the node.
 * Immutable.
 */
final class Slot {
    private final String name;
    private final Map<String, String> values; // null: not enumerated
    private final Pattern regex;              // null: no pattern
    private final boolean listed;

    private Slot(String name, Map<String, String> values, Pattern regex, boolean listed) {
        this.name = name;
        this.values = values;
        this.regex = regex;
        this.listed = listed;
    }

    static Slot any(String name) {
        return new Slot(name, null, null, false);
    }

    /** @param regex also admits words outside the list when not null */
    static Slot ofValues(String name, List<String> values, Pattern regex, boolean listed) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : values) {
            m.put(v, v);
        }
        return new Slot(name, Collections.unmodifiableMap(m), regex, listed);
    }

    static Slot ofMap(String name, Map<String, String> map, boolean listed) {
        return new Slot(name, Collections.unmodifiableMap(new LinkedHashMap<>(map)), null, listed);
    }

    static Slot ofRegex(String name, Pattern regex) {
        return new Slot(name, null, regex, false);
    }

    String name() {
        return name;
    }

    /** The binding words a template lists one by one, or null when the slot is open. */
    Iterable<String> enumerated() {
        return values == null ? null : values.keySet();
    }

    /** True when {@code *} here means each listed value rather than any word. */
    boolean listed() {
        return listed;
    }

    /** The distinct AMQP words of the listed values, in list order. */
    List<String> listedAmqpWords() {
        return List.copyOf(new LinkedHashSet<>(values.values()));
    }

    /** The AMQP words for this binding word (several for {@code *} in a listed slot); empty when refused. */
    List<String> amqpWords(String word) {
        if (word.equals("*") && listed) {
            return listedAmqpWords();
        }
        String one = map(word);
        return one == null ? List.of() : List.of(one);
    }

    /** The AMQP word for this binding word, or null when the slot does not accept it. */
    String map(String word) {
        if (word.equals("*")) {
            return "*";
        }
        String mapped = values == null ? null : values.get(word);
        if (mapped != null) {
            return mapped;
        }
        if (regex != null) {
            return regex.matcher(word).matches() ? word : null;
        }
        return values == null ? word : null;
    }

    /** What the slot accepts, for error texts. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (values != null) {
            parts.add(String.join(", ", values.keySet()));
        }
        if (regex != null) {
            parts.add("a word matching " + regex.pattern());
        }
        return parts.isEmpty() ? "any word" : String.join(", ", parts) + (regex != null ? ", or '*'" : ", '*'");
    }
}
