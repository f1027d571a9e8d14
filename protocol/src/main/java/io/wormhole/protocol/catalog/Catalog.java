package io.wormhole.protocol.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import io.wormhole.protocol.binding.TopicPattern;

/**
 * The event families a gateway knows, keyed by the first word of a binding: for each,
 * the exchange its events come from, the binding shapes a client may use, the AMQP
 * patterns each shape maps to, and where a matching event's account is found. Immutable
 * and thread-safe; {@link #resolve} is meant for the subscribe path, not per event.
 *
 * <p>File format (JSON, unknown fields rejected):
 * <pre>
 * {"replace": false,                       optional; true: replaces the catalogue it extends
 *  "slots": {"CALL_ID": {}, ...},          optional; slots shared by all families
 *  "families": [
 *   {"name": "call", "exchange": "callevt",
 *    "slots": {"EVENT": {"values": ["CHANNEL_CREATE", ...], "wildcard": "listed"}},  optional
 *    "shapes": [
 *     {"binding": "call.{EVENT}.{CALL_ID}",      first word = family name
 *      "amqp": "call.{EVENT}.{CALL_ID}",         AMQP binding key template
 *      "exchange": "callevt",                    optional; the family's by default
 *      "advertised": true,                       optional; false: not in the templates; or a
 *                                                list of texts to list instead of generated ones
 *      "account": {"payload": "Custom-Channel-Vars.Account-ID"},
 *      "same_account": {"scope": "call",         optional; see below
 *                       "ids": [{"payload": "Call-ID"}, {"payload": "Other-Leg-Call-ID"}]}}]}]}
 * </pre>
 * A slot is {@code {}} (any word), {@code {"values": [words]}}, {@code {"map": {binding
 * word: AMQP word}}}, {@code {"regex": "[a-z_]+"}} or {@code {"values": [..], "regex":
 * ".."}} (known values, advertised, plus any word the expression admits). {@code *} is
 * always accepted and maps to {@code *}, except in a slot with {@code "wildcard":
 * "listed"} (beside values or map): there {@code *}, and a {@code #} covering the slot,
 * mean each listed value, and the binding resolves to one AMQP pattern per value (at most
 * {@value CatalogReader#MAX_PATTERNS} per binding), so that events the catalogue does not
 * list never reach the node. A template word is a literal, {@code *} (a client must write
 * a literal {@code *} there), or a whole {@code {SLOT}}; an AMQP template may also use
 * {@code #}. An account locator is {@code {"payload": "Dotted.Path"}},
 * {@code {"routing_key_word": N, "payload": "Fallback.Path"}} (payload optional; a word
 * {@code *} counts as none) or {@code {"database_word": N}} (the account whose own or
 * monthly database that word names; none for any other database). Shapes are tried in
 * file order and the first that fits wins.
 *
 * <p>{@code same_account} ({@link SameAccount}) is for events that may name no account
 * (an inbound call's first event, a conference command): events carrying the same id in
 * the same {@code scope} belong to the same account, so an event that names its account
 * teaches it for each of its {@code ids}, and an event that names none is given the
 * account taught for one of its ids (or waits a short while for it). Each id is written
 * like an account locator. The first id is the event's own; later ones link it to
 * another (a call's other leg) and teach only an id that has no account yet. Shapes
 * whose events should learn from each other (conference events and conference commands)
 * use the same scope and ids that find the same value (the conference id).
 */
public final class Catalog {
    private static final String DEFAULT_RESOURCE = "/io/wormhole/protocol/catalog/kazoo-catalog.json";

    private final Map<String, List<Shape>> families; // file order
    private final boolean replace;

    private Catalog(Map<String, List<Shape>> families, boolean replace) {
        this.families = Collections.unmodifiableMap(new LinkedHashMap<>(families));
        this.replace = replace;
    }

    /** The built-in Kazoo catalogue (kazoo-events.md), read from the classpath. */
    public static Catalog kazooDefault() {
        try (InputStream in = Catalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a catalogue document; the caller keeps ownership of the stream.
     *
     * @throws IllegalArgumentException naming what is wrong and where in the file
     */
    public static Catalog load(InputStream json) {
        CatalogReader.Contents c = CatalogReader.read(json);
        return new Catalog(c.families(), c.replace());
    }

    /**
     * This catalogue extended by an operator's: the operator's families replace
     * same-named ones in place, new ones are added at the end. An operator file with
     * {@code "replace": true} replaces this catalogue entirely.
     */
    public Catalog extendedWith(Catalog operator) {
        if (operator.replace) {
            return new Catalog(operator.families, false);
        }
        Map<String, List<Shape>> merged = new LinkedHashMap<>(families);
        merged.putAll(operator.families);
        return new Catalog(merged, false);
    }

    /** The family names, in catalogue order. */
    public Set<String> families() {
        return families.keySet();
    }

    /** Every exchange some family's events come from, in catalogue order. */
    public Set<String> exchanges() {
        Set<String> out = new LinkedHashSet<>();
        for (List<Shape> shapes : families.values()) {
            for (Shape s : shapes) {
                out.add(s.exchange());
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * Validates a client binding and maps it to its AMQP side.
     *
     * @throws ProtocolException with code {@code invalid_binding} and one text naming
     *                           the binding and what is wrong with it
     */
    public ResolvedBinding resolve(String binding) {
        List<String> words = TopicPattern.parse(binding).words();
        String family = words.get(0);
        List<Shape> shapes = families.get(family);
        if (shapes == null) {
            throw invalid("binding '" + binding + "': unknown family '" + family + "'; known families: "
                    + String.join(", ", families.keySet()));
        }
        for (int i = 0; i < words.size() - 1; i++) {
            if (words.get(i).equals("#")) {
                throw invalid("binding '" + binding + "': '#' not allowed at position " + (i + 1)
                        + "; only the last segment may be '#'");
            }
        }
        Mismatch closest = null;
        for (Shape s : shapes) {
            Mismatch m = s.mismatch(binding, words);
            if (m == null) {
                return s.resolve(binding, words);
            }
            if (closest == null || m.position() > closest.position()) {
                closest = m;
            }
        }
        if (closest.position() != Mismatch.SEGMENT_COUNT) {
            throw invalid(closest.text());
        }
        List<String> templates = new ArrayList<>();
        for (Shape s : shapes) {
            templates.add(s.template());
        }
        throw invalid("binding '" + binding + "': wrong number of segments for family '" + family + "' ("
                + words.size() + "); accepted shapes: " + String.join(", ", templates));
    }

    /**
     * The binding templates per family, families in catalogue order, for
     * {@code GET /v2/websockets}, as Kazoo lists them: concrete bindings, an enumerated
     * slot expanded into one template per value, other slots written {@code {NAME}};
     * a shape's {@code "advertised"} list replaces its generated templates, and
     * {@code false} leaves them out (a family may so list none).
     */
    public Map<String, List<String>> templates() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Shape>> f : families.entrySet()) {
            Set<String> list = new LinkedHashSet<>();
            for (Shape s : f.getValue()) {
                if (s.advertised() == null) {
                    expand(s, 0, new ArrayList<>(), list);
                } else {
                    list.addAll(s.advertised());
                }
            }
            out.put(f.getKey(), List.copyOf(list));
        }
        return Collections.unmodifiableMap(out);
    }

    private static void expand(Shape s, int i, List<String> prefix, Set<String> out) {
        List<String> words = s.bindingWords();
        if (i == words.size()) {
            out.add(String.join(".", prefix));
            return;
        }
        String name = Shape.slotName(words.get(i));
        Iterable<String> values = name == null ? null : s.slot(name).enumerated();
        List<String> choices = new ArrayList<>();
        if (values == null) {
            choices.add(words.get(i));
        } else {
            values.forEach(choices::add);
        }
        for (String c : choices) {
            prefix.add(c);
            expand(s, i + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    private static ProtocolException invalid(String text) {
        return new ProtocolException(ErrorCode.INVALID_BINDING, text);
    }
}
