package io.wormhole.protocol.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One binding shape of a family: the binding template ({@code call.{EVENT}.{CALL_ID}}),
 * the AMQP pattern template it maps to, and the account locator of its events.
 * Template words are literals or whole {@code {SLOT}} references. Immutable.
 *
 * <p>{@code #} in a client binding may only be its last segment and only where the
 * shape has a slot: it stands for that slot and all later ones, so the AMQP pattern is
 * the template cut at the first word that uses one of those slots, followed by
 * {@code #} ({@code object.edited.#} becomes {@code doc_edited.*.#}).
 */
final class Shape {
    private final String family;
    private final String exchange;
    private final List<String> binding;   // template words
    private final List<String> amqp;      // template words
    private final Map<String, Slot> slots; // by name, those used in the binding template
    private final AccountLocator locator;

    Shape(String family, String exchange, String bindingTemplate, String amqpTemplate, Map<String, Slot> slots,
            AccountLocator locator) {
        this.family = family;
        this.exchange = exchange;
        this.binding = List.of(bindingTemplate.split("\\.", -1));
        this.amqp = List.of(amqpTemplate.split("\\.", -1));
        this.slots = Map.copyOf(slots);
        this.locator = locator;
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

    static String slotName(String templateWord) {
        return templateWord.length() > 2 && templateWord.startsWith("{") && templateWord.endsWith("}")
                ? templateWord.substring(1, templateWord.length() - 1) : null;
    }

    /**
     * Maps the binding's words onto this shape.
     *
     * @param problems receives why the binding does not fit, when it does not
     * @return the resolved binding, or null when it does not fit
     */
    ResolvedBinding resolve(String text, List<String> words, List<String> problems) {
        int last = words.size() - 1;
        boolean hash = words.get(last).equals("#");
        for (int i = 0; i < last; i++) {
            if (words.get(i).equals("#")) {
                problems.add("binding '" + text + "': '#' is only allowed as the last segment (found at position "
                        + (i + 1) + ")");
                return null;
            }
        }
        if (hash ? last >= binding.size() : words.size() != binding.size()) {
            problems.add("binding '" + text + "': family '" + family + "' takes " + binding.size()
                    + " segments (" + template() + "), this binding has " + words.size());
            return null;
        }
        if (hash && slotName(binding.get(last)) == null) {
            problems.add("binding '" + text + "': '#' at position " + (last + 1)
                    + " stands where family '" + family + "' expects the word '" + binding.get(last) + "' ("
                    + template() + ")");
            return null;
        }
        Map<String, String> bound = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < binding.size(); i++) {
            String t = binding.get(i);
            String name = slotName(t);
            if (name != null) {
                positions.put(name, i);
            }
            if (hash && i >= last) {
                continue;
            }
            String w = words.get(i);
            if (name == null) {
                if (!w.equals(t)) {
                    problems.add("binding '" + text + "': position " + (i + 1) + " must be '" + t + "' ("
                            + template() + ")");
                    return null;
                }
                continue;
            }
            Slot slot = slots.get(name);
            String mapped = slot.map(w);
            if (mapped == null) {
                problems.add("binding '" + text + "': '" + w + "' at position " + (i + 1) + " is not a valid "
                        + name + "; expected " + slot.describe());
                return null;
            }
            bound.put(name, mapped);
        }
        List<String> out = new ArrayList<>(amqp.size() + 1);
        for (String t : amqp) {
            String name = slotName(t);
            if (name == null) {
                out.add(t);
            } else if (hash && positions.get(name) >= last) {
                out.add("#");
                break;
            } else {
                out.add(bound.get(name));
            }
        }
        if (hash && !out.get(out.size() - 1).equals("#")) {
            out.add("#");
        }
        return new ResolvedBinding(text, family, exchange, String.join(".", out), locator);
    }
}
