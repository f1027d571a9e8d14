package io.wormhole.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * The success reply to a {@link Subscribe} (protocol §3). Both lists are always lists on
 * the wire, even for a single binding, because monster-ui iterates over them.
 * Immutable and thread-safe.
 *
 * @param requestId     id of the request
 * @param subscribed    the bindings the request named, as sent
 * @param subscriptions every binding of the session after the request, de-duplicated, in
 *                      the order first added
 */
public record Subscribed(String requestId, List<String> subscribed, List<String> subscriptions)
        implements Reply {

    public Subscribed {
        Objects.requireNonNull(requestId, "requestId");
        subscribed = List.copyOf(subscribed);
        subscriptions = List.copyOf(subscriptions);
    }
}
