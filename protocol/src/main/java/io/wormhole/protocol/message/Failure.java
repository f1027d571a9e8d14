package io.wormhole.protocol.message;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import java.util.List;
import java.util.Objects;

/**
 * An error reply (protocol §3, §6): a stable {@link ErrorCode} plus human-readable
 * texts. The session stays open after it. Named {@code Failure} rather than
 * {@code Error} so as not to shadow {@code java.lang.Error}. Immutable and thread-safe.
 *
 * @param requestId id of the failed request
 * @param code      the machine-readable reason
 * @param errors    at least one human-readable text; none may contain a token
 */
public record Failure(String requestId, ErrorCode code, List<String> errors) implements Reply {

    public Failure {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(code, "code");
        errors = List.copyOf(errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an error reply needs at least one text");
        }
    }

    /**
     * The reply for a failed request. The id is the exception's own when it has one,
     * else {@code fallbackRequestId}, else a fresh one: every reply carries an id, and a
     * request whose id could not be read (not JSON, a binary frame) has no other.
     */
    public static Failure of(ProtocolException e, String fallbackRequestId) {
        String id = e.requestId() != null ? e.requestId()
                : fallbackRequestId != null ? fallbackRequestId
                : MessageCodec.newRequestId();
        return new Failure(id, e.code(), e.errors());
    }
}
