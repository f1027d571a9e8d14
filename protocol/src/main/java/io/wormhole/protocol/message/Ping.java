package io.wormhole.protocol.message;

import java.util.Objects;

/**
 * A {@code ping} request (protocol §2), answered with {@link Pong}. Unrelated to
 * WebSocket ping frames. Immutable and thread-safe.
 *
 * @param requestId id echoed in the reply, never {@code null}
 * @param authToken the JWT, or {@code null} when the request carried none
 */
public record Ping(String requestId, String authToken) implements Request {

    public Ping {
        Objects.requireNonNull(requestId, "requestId");
    }

    /** Leaves the token out: texts that may reach a log never contain a token (protocol §3). */
    @Override
    public String toString() {
        return "Ping[requestId=" + requestId + ", authToken=" + Redaction.of(authToken) + "]";
    }
}
