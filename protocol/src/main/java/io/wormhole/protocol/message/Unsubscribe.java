package io.wormhole.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * An {@code unsubscribe} request (protocol §2): remove {@code bindings}, or every
 * subscription of the session when {@code bindings} is empty. Bindings are kept exactly
 * as sent and in order. Immutable and thread-safe.
 *
 * @param requestId id echoed in the reply, never {@code null}
 * @param authToken the JWT, or {@code null} when the request carried none
 * @param accountId the requested account ({@code "*"} for every account), or {@code null}
 * @param bindings  the bindings to remove; empty means all of them
 * @param name      a socket name to store, or {@code null}
 * @param metadata  compact JSON text of any JSON value to store, or {@code null}
 */
public record Unsubscribe(String requestId, String authToken, String accountId,
        List<String> bindings, String name, String metadata) implements Request {

    public Unsubscribe {
        Objects.requireNonNull(requestId, "requestId");
        bindings = List.copyOf(bindings);
    }

    /** True when the request removes every subscription of the session. */
    public boolean removesAll() {
        return bindings.isEmpty();
    }

    /** Leaves the token out: texts that may reach a log never contain a token (protocol §3). */
    @Override
    public String toString() {
        return "Unsubscribe[requestId=" + requestId + ", authToken=" + Redaction.of(authToken)
                + ", accountId=" + accountId + ", bindings=" + bindings + ", name=" + name
                + ", metadata=" + metadata + "]";
    }
}
