package io.wormhole.protocol.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One binding shape of a family: the binding template ({@code call.{EVENT}.{CALL_ID}}),
 * the AMQP pattern template it maps to, the account locator of its events, and the
 * optional rule by which an event that names no account learns it ({@link SameAccount}).
 * Template words are literals or whole {@code {SLOT}} references. Immutable.
 *
 * <p>{@code #} in a client binding may only be its last segment and only where the
 * shape has a slot: it stands for that slot and all later ones, so the AMQP pattern is
 * the template cut at the first word that uses one of those slots, followed by
 * {@code #} ({@code doc_edited.*.user.#} becomes {@code doc_edited.*.user.#}); a listed
 * slot among them is not cut but takes each listed value ({@code call.#} becomes
 * {@code call.CHANNEL_CREATE.#}, ... one pattern per call event). When no AMQP word uses
 * those slots, they do not narrow the AMQP side and the template is kept whole.
 */
final class Shape {
    private final String family;
    private final String exchange;
    private final List<String> binding;          // template words
    private final List<String> amqp;             // template words
    private final Map<String, Slot> slots;       // by name, those the binding template uses
    private final Map<String, Integer> position; // binding-template index of each slot
    private final AccountLocator locator;
    private final List<String> advertised;       // null: generated from the template
    private final SameAccount sameAccount;       // null: the events always name their account

    Shape(String family, String exchange, List<String> binding, List<String> amqp, Map<String, Slot> slots,
            Map<String, Integer> position, AccountLocator locator, List<String> advertised,
            SameAccount sameAccount) {
        this.family = family;
        this.exchange = exchange;
        this.binding = List.copyOf(binding);
        this.amqp = List.copyOf(amqp);
        this.slots = Map.copyOf(slots);
        this.position = Map.copyOf(position);
        this.locator = locator;
        this.advertised = advertised == null ? null : List.copyOf(advertised);
        this.sameAccount = sameAccount;
    }

    /**
     * What {@code GET /v2/websockets} lists for this shape instead of the generated
     * templates (empty: nothing), or null to generate them.
     */
    List<String> advertised() {
        return advertised;
    }

    String exchange() {
        return exchange;
    }

    String template() {
        return String.join(".", binding);
    }

    List<String> bindingWords() {
        return binding;
    }

    Slot slot(String name) {
        return slots.get(name);
    }

    /** The slot name of a template word {@code {NAME}}, or null for a literal word. */
    static String slotName(String templateWord) {
        return templateWord.length() > 2 && templateWord.charAt(0) == '{'
                && templateWord.charAt(templateWord.length() - 1) == '}'
                ? templateWord.substring(1, templateWord.length() - 1) : null;
    }

    /**
     * Why the binding's words do not fit this shape, or null when they fit. The caller
     * has checked that {@code #}, if present, is the last word.
     */
    Mismatch mismatch(String text, List<String> words) {
        int last = words.size() - 1;
        boolean hash = words.get(last).equals("#");
        if (hash ? last >= binding.size() : words.size() != binding.size()) {
            return new Mismatch(Mismatch.SEGMENT_COUNT, null);
        }
        int fixed = hash ? last : words.size();
        for (int i = 0; i < fixed; i++) {
            String t = binding.get(i);
            String w = words.get(i);
            String name = slotName(t);
            if (name == null && !w.equals(t)) {
                return new Mismatch(i + 1, "binding '" + text + "': position " + (i + 1) + " must be '" + t
                        + "' (shape " + template() + ")");
            }
            if (name != null && slots.get(name).map(w) == null) {
                return new Mismatch(i + 1, "binding '" + text + "': value '" + w + "' not allowed for {" + name
                        + "} at position " + (i + 1) + "; allowed: " + slots.get(name).describe());
            }
        }
        if (hash && slotName(binding.get(last)) == null) {
            return new Mismatch(last + 1, "binding '" + text + "': '#' not allowed at position " + (last + 1)
                    + ", where family '" + family + "' expects the word '" + binding.get(last) + "' (shape "
                    + template() + ")");
        }
        return null;
    }

    /**
     * Maps a binding that fits this shape ({@link #mismatch} returned null) to its AMQP
     * side: one pattern, or one per combination of listed values where a listed slot
     * holds {@code *} or is covered by {@code #}.
     */
    ResolvedBinding resolve(String text, List<String> words) {
        int last = words.size() - 1;
        int cut = words.get(last).equals("#") ? last : Integer.MAX_VALUE; // slots from here on are '#'
        List<List<String>> patterns = new ArrayList<>();
        patterns.add(new ArrayList<>(amqp.size() + 1));
        for (String t : amqp) {
            String name = slotName(t);
            List<String> choices;
            boolean end = false;
            if (name == null) {
                choices = List.of(t);
            } else if (position.get(name) < cut) {
                choices = slots.get(name).amqpWords(words.get(position.get(name)));
            } else if (slots.get(name).listed()) {
                choices = slots.get(name).listedAmqpWords();
            } else {
                choices = List.of("#");
                end = true;
            }
            patterns = append(patterns, choices);
            if (end) {
                break;
            }
        }
        List<String> out = new ArrayList<>(patterns.size());
        for (List<String> p : patterns) {
            out.add(String.join(".", p));
        }
        return new ResolvedBinding(text, family, exchange, out, locator, sameAccount);
    }

    /** The number of AMQP patterns a binding of this shape needs at most. */
    int maxPatterns() {
        int n = 1;
        for (String t : amqp) {
            String name = slotName(t);
            if (name != null && slots.get(name).listed()) {
                n *= slots.get(name).listedAmqpWords().size();
            }
        }
        return n;
    }

    /** Every pattern so far extended by each choice. */
    private static List<List<String>> append(List<List<String>> patterns, List<String> choices) {
        if (choices.size() == 1) {
            for (List<String> p : patterns) {
                p.add(choices.get(0));
            }
            return patterns;
        }
        List<List<String>> out = new ArrayList<>(patterns.size() * choices.size());
        for (List<String> p : patterns) {
            for (String c : choices) {
                List<String> next = new ArrayList<>(p);
                next.add(c);
                out.add(next);
            }
        }
        return out;
    }
}
