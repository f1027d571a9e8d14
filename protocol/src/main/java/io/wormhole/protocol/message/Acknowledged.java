package io.wormhole.protocol.message;

import java.util.Objects;

/**
 * The success reply to a {@link Noop} (protocol §2), wire data {@code {}}: Kazoo 4.3
 * answers a noop with success and an empty {@code data}. Immutable and thread-safe.
 *
 * @param requestId id of the noop
 */
public record Acknowledged(String requestId) implements Reply {

    public Acknowledged {
        Objects.requireNonNull(requestId, "requestId");
    }
}
