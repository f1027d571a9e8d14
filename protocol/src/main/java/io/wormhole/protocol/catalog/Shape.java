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
 * {@code #} ({@code object.edited.#} becomes {@code doc_edited.*.#}). When no AMQP word
 * uses those slots, they do not narrow the AMQP side and the template is kept whole.
 */
final class Shape {
    private final String family;
    private final String exchange;
    private final List<String> binding;          // template words
    private final List<String> amqp;             // template words
    private final Map<String, Slot> slots;       // by name, those the binding template uses
    private final Map<String, Integer> position; // binding-template index of each slot
    private final AccountLocator locator;
    private final SameAccount sameAccount;       // null: the events always name their account

    Shape(String family, String exchange, List<String> binding, List<String> amqp, Map<String, Slot> slots,
            Map<String, Integer> position, AccountLocator locator, SameAccount sameAccount) {
        this.family = family;
        this.exchange = exchange;
        this.binding = List.copyOf(binding);
        this.amqp = List.copyOf(amqp);
        this.slots = Map.copyOf(slots);
        this.position = Map.copyOf(position);
        this.locator = locator;
        this.sameAccount = sameAccount;
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

    /** Maps a binding that fits this shape ({@link #mismatch} returned null) to its AMQP side. */
    ResolvedBinding resolve(String text, List<String> words) {
        int last = words.size() - 1;
        int cut = words.get(last).equals("#") ? last : Integer.MAX_VALUE; // slots from here on are '#'
        List<String> out = new ArrayList<>(amqp.size() + 1);
        for (String t : amqp) {
            String name = slotName(t);
            if (name == null) {
                out.add(t);
                continue;
            }
            int at = position.get(name);
            if (at >= cut) {
                out.add("#");
                break;
            }
            out.add(slots.get(name).map(words.get(at)));
        }
        return new ResolvedBinding(text, family, exchange, String.join(".", out), locator, sameAccount);
    }
}
