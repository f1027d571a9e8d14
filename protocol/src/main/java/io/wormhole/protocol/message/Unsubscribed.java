package io.wormhole.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * The success reply to an {@link Unsubscribe} (protocol §3). Its lists are always lists
 * on the wire. Besides {@code unsubscribed} and {@code subscriptions} the wire carries
 * {@code subscribed}, the bindings the socket still holds, because Kazoo's reply has it
 * and its clients read it ({@code pqc_blackhole.erl} asserts {@code []} after the last
 * binding went). Immutable and thread-safe.
 *
 * @param requestId     id of the request
 * @param unsubscribed  the bindings the request removed
 * @param subscriptions every binding of the session after the request, in the order first added
 */
public record Unsubscribed(String requestId, List<String> unsubscribed, List<String> subscriptions)
        implements Reply {

    public Unsubscribed {
        Objects.requireNonNull(requestId, "requestId");
        unsubscribed = List.copyOf(unsubscribed);
        subscriptions = List.copyOf(subscriptions);
    }

    /** The wire's {@code subscribed}: what the socket still holds, the same list as {@link #subscriptions}. */
    public List<String> subscribed() {
        return subscriptions;
    }
}
