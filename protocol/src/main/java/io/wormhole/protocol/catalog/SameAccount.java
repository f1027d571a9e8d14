package io.wormhole.protocol.catalog;

import java.util.List;
import java.util.Objects;

/**
 * The rule that events carrying the same id in the same scope belong to the same
 * account: how a router learns the account of an event that names none (an inbound
 * call's first event, a conference command) from the other events of its call or
 * conference (kazoo-events.md, "Corrections and rules"). An event that names its account
 * teaches it for its ids; one that names none is given the account taught for one of its
 * ids. Immutable; safe from any thread.
 *
 * @param scope what kind of id this is ({@code call}, {@code conference}): ids are
 *              compared within one scope only, so a conference id never matches a call id
 * @param ids   where the event's ids are found, with the rules of {@link AccountLocator}
 *              (a payload field, or a routing-key word with a payload fallback). The first
 *              is the event's own id; the others link it to another one (a call's other
 *              leg), and teach an account only to an id that has none yet
 */
public record SameAccount(String scope, List<AccountLocator> ids) {

    public SameAccount {
        Objects.requireNonNull(scope, "scope");
        ids = List.copyOf(ids);
        if (scope.isEmpty() || ids.isEmpty()) {
            throw new IllegalArgumentException("a scope and at least one id are needed");
        }
    }
}
