package io.wormhole.protocol.message;

import java.util.Objects;

/**
 * The success reply to a {@link Ping} (protocol §2), wire data {@code {"response":"pong"}}.
 * Immutable and thread-safe.
 *
 * @param requestId id of the ping
 */
public record Pong(String requestId) implements Reply {

    public Pong {
        Objects.requireNonNull(requestId, "requestId");
    }
}
