package io.wormhole.protocol.catalog;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A client binding accepted by the catalogue: the binding as the client sent it, its
 * family, and the AMQP side it needs (exchange and patterns: one in general, one per
 * listed value where a listed slot holds {@code *}), plus where the account of a matching
 * event is found and, when the event may name none, by which ids it is learned from the
 * events of the same call or conference ({@code sameAccount}, null when the shape has no
 * such rule). Immutable; equal when all parts are equal.
 */
public record ResolvedBinding(String binding, String family, String exchange, List<String> amqpPatterns,
        AccountLocator accountLocator, SameAccount sameAccount) {

    /** A binding whose events always name their account (no {@link SameAccount} rule). */
    public ResolvedBinding(String binding, String family, String exchange, List<String> amqpPatterns,
            AccountLocator accountLocator) {
        this(binding, family, exchange, amqpPatterns, accountLocator, null);
    }

    /** @param amqpPatterns at least one; duplicates are dropped, the first occurrence kept */
    public ResolvedBinding {
        amqpPatterns = List.copyOf(new LinkedHashSet<>(amqpPatterns));
        if (amqpPatterns.isEmpty()) {
            throw new IllegalArgumentException("a binding needs at least one AMQP pattern");
        }
    }

    /** A binding with one AMQP pattern. */
    public ResolvedBinding(String binding, String family, String exchange, String amqpPattern,
            AccountLocator accountLocator) {
        this(binding, family, exchange, List.of(amqpPattern), accountLocator, null);
    }

    /**
     * The account-scoped key of protocol §5: the binding with the account id inserted
     * after its first segment ({@code doc_edited.*.user.*} in {@code acc} is
     * {@code doc_edited.acc.*.user.*}).
     */
    public String subscriptionKey(String accountId) {
        int dot = binding.indexOf('.');
        return dot < 0 ? binding + "." + accountId
                : binding.substring(0, dot) + "." + accountId + binding.substring(dot);
    }
}
