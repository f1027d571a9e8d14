package io.wormhole.it;

import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates bindings that break one rule of docs/protocol.md "Bindings" each (empty
 * segments, a wildcard inside a word or a {@code #} in the middle, three {@code #},
 * an unknown family, over 255 bytes, the wrong number of segments for the family, a
 * value its slot refuses, control characters), and valid ones to mix them with.
 * Deterministic for a seed; one thread.
 */
final class InvalidBindings {
    static final List<String> VALID = List.of("call.CHANNEL_CREATE.*", "call.CHANNEL_DESTROY.*", "fax.status.*",
            "doc_edited.*.user.*", "object.edited.user", "conference.command.*", "call.#");
    private static final Set<String> FAMILIES = Set.of("call", "doc_created", "doc_edited", "doc_deleted",
            "object", "fax", "conference");
    /** Each has the wrong number of segments for its family, and no wildcard that could stand for more. */
    private static final List<String> WRONG_COUNT = List.of("call", "call.CHANNEL_CREATE", "call.CHANNEL_CREATE.a.b",
            "call.CHANNEL_CREATE.a.b.c", "fax", "fax.status", "fax.status.a.b", "doc_edited", "doc_edited.db",
            "doc_edited.db.user", "doc_edited.db.user.a.b", "doc_created.a.user", "doc_deleted.a.user.b.c",
            "object", "object.edited", "object.edited.user.x", "conference", "conference.event",
            "conference.command", "conference.command.a.b", "conference.event.a.b.c.d.e");
    /** Right shape, a value the slot refuses. */
    private static final List<String> BAD_SLOT = List.of("call.NOT_AN_EVENT.*", "call.channel_create.*",
            "call.CHANNEL_CREATE\u0000.x", "call.CHANNEL_CREATE\n.x", "doc_edited.*.User.*", "doc_edited.*.us-er.*",
            "doc_edited.*.user1.*", "object.changed.user", "object.edited.USER", "fax.state.x",
            "conference.bogus.x");
    private static final String WORD = "abcdefghijklmnopqrstuvwxyz_";

    private final Random random;

    InvalidBindings(Random random) {
        this.random = random;
    }

    /** One invalid binding, of a kind chosen at random. */
    String next() {
        return switch (random.nextInt(9)) {
            case 0 -> emptySegment();
            case 1 -> wildcardInsideWord();
            case 2 -> hashNotLast();
            case 3 -> unknownFamily();
            case 4 -> tooLong();
            case 5 -> pick(WRONG_COUNT);
            case 6 -> pick(BAD_SLOT);
            case 7 -> controlCharacters();
            default -> random.nextBoolean() ? "" : " " + pick(VALID);
        };
    }

    String valid() {
        return pick(VALID);
    }

    private String emptySegment() {
        String b = pick(VALID);
        return switch (random.nextInt(4)) {
            case 0 -> "." + b;
            case 1 -> b + ".";
            case 2 -> b.replaceFirst("\\.", "..");
            default -> ".".repeat(1 + random.nextInt(5));
        };
    }

    private String wildcardInsideWord() {
        return pick(List.of("call.CHANNEL_*.x", "call.*x.y", "fa*.status.x", "call.CHANNEL_CREATE.a*",
                "call.CHANNEL#.x", "call.CHANNEL_CREATE.#x", "doc_edited.**.user.*", "call.CHANNEL_CREATE.* "));
    }

    private String hashNotLast() {
        return pick(List.of("call.#.x", "call.#.#.#", "doc_edited.#.user.*", "fax.#.x", "#.#.#.#",
                "call.#.CHANNEL_CREATE.#", "conference.#.command.x", "call.CHANNEL_CREATE.#.#.#"));
    }

    private String unknownFamily() {
        String family;
        do {
            family = word(1 + random.nextInt(12));
        } while (FAMILIES.contains(family));
        String[] variants = {family, "CALL", "Call", "calls", "doc", "doc_changed", "faxes", "Object"};
        return variants[random.nextInt(variants.length)] + ".CHANNEL_CREATE.*";
    }

    private String tooLong() {
        if (random.nextBoolean()) {
            // 120 two-byte characters: under 255 characters, over 255 bytes
            return "call.CHANNEL_CREATE." + "é".repeat(120 + random.nextInt(20));
        }
        return "call.CHANNEL_CREATE." + "a".repeat(236 + random.nextInt(2000));
    }

    private String controlCharacters() {
        char c = (char) random.nextInt(0x20);
        return switch (random.nextInt(3)) {
            case 0 -> c + "call.CHANNEL_CREATE.*";
            case 1 -> "call" + c + ".CHANNEL_CREATE.*";
            default -> "call.CHANNEL_CREATE" + c + ".*";
        };
    }

    private String word(int length) {
        StringBuilder w = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            w.append(WORD.charAt(random.nextInt(WORD.length())));
        }
        return w.toString();
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
