package io.wormhole.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The only exception the protocol layer throws for bad client input: an
 * {@link ErrorCode} plus the human-readable texts of an error reply (protocol §6).
 * The texts never contain a token. {@code requestId} is the request's id when the
 * request got far enough to have one, otherwise {@code null}.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<String> errors;
    private final String requestId;

    public ProtocolException(ErrorCode code, List<String> errors, String requestId) {
        super(code.wire() + ": " + String.join("; ", errors), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an error reply needs at least one text");
        }
        this.code = Objects.requireNonNull(code);
        this.errors = List.copyOf(errors);
        this.requestId = requestId;
    }

    public ProtocolException(ErrorCode code, String error) {
        this(code, List.of(error), null);
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> errors() {
        return errors;
    }

    /** The id of the failed request, or {@code null} when it could not be read. */
    public String requestId() {
        return requestId;
    }

    /** The same failure, attributed to the request with the given id. */
    public ProtocolException withRequestId(String id) {
        return new ProtocolException(code, errors, id);
    }
}
