package io.wormhole.protocol.message;

import java.util.Objects;

/**
 * A {@code noop} request (protocol §2), Kazoo 4.3's keep-alive: answered with
 * {@link Acknowledged}, changing nothing. Like every request but {@link Ping} it needs a
 * token until the socket has authenticated, as in 4.3 (its token check covers every
 * action). Immutable and thread-safe.
 *
 * @param requestId id echoed in the reply, never {@code null}
 * @param authToken the JWT, or {@code null} when the request carried none
 */
public record Noop(String requestId, String authToken) implements Request {

    public Noop {
        Objects.requireNonNull(requestId, "requestId");
    }

    /** Leaves the token out: texts that may reach a log never contain a token (protocol §3). */
    @Override
    public String toString() {
        return "Noop[requestId=" + requestId + ", authToken=" + Redaction.of(authToken) + "]";
    }
}
