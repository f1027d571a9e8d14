package io.wormhole.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * The success reply to an {@link Unsubscribe} (protocol §3). Both lists are always lists
 * on the wire. Immutable and thread-safe.
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
}
