package io.wormhole.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * A {@code subscribe} request (protocol §2): add {@code bindings} for {@code accountId}
 * (the token's account when {@code null}). Bindings are kept exactly as sent and in
 * order; the catalogue validates them later, so a rejected binding still reaches the
 * session and gets its own error text. Immutable and thread-safe.
 *
 * @param requestId id echoed in the reply, never {@code null}
 * @param authToken the JWT, or {@code null} when the request carried none
 * @param accountId the requested account ({@code "*"} for every account), or {@code null}
 * @param bindings  the bindings to add, never empty
 * @param name      a socket name to store, or {@code null}
 * @param metadata  compact JSON text of any JSON value to store, or {@code null}
 */
public record Subscribe(String requestId, String authToken, String accountId,
        List<String> bindings, String name, String metadata) implements Request {

    public Subscribe {
        Objects.requireNonNull(requestId, "requestId");
        bindings = List.copyOf(bindings);
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("a subscribe names at least one binding");
        }
    }

    /** Leaves the token out: texts that may reach a log never contain a token (protocol §3). */
    @Override
    public String toString() {
        return "Subscribe[requestId=" + requestId + ", authToken=" + Redaction.of(authToken)
                + ", accountId=" + accountId + ", bindings=" + bindings + ", name=" + name
                + ", metadata=" + metadata + "]";
    }
}
