package io.wormhole.protocol;

/**
 * The stable, machine-readable error words of protocol §6. Each constant knows its
 * wire spelling; clients dispatch on it, so a spelling never changes.
 */
public enum ErrorCode {
    /** Not JSON, not an object, a binary frame, a field of the wrong type. */
    BAD_REQUEST("bad_request"),
    /** Missing or unknown {@code action}. */
    UNKNOWN_ACTION("unknown_action"),
    /** No token yet on this session. */
    AUTH_REQUIRED("auth_required"),
    /** Bad signature, expired, malformed, unknown key. */
    TOKEN_INVALID("token_invalid"),
    /** The token's account may not see the requested account. */
    FORBIDDEN("forbidden"),
    /** Syntax, unknown family, or a shape the family does not accept. */
    INVALID_BINDING("invalid_binding"),
    /** Over the bindings-per-session or bindings-per-request limit. */
    TOO_MANY_BINDINGS("too_many_bindings"),
    /** Over the per-session request rate. */
    RATE_LIMITED("rate_limited"),
    /** A service the request needs did not answer, or answered with an error. */
    UNAVAILABLE("unavailable");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears in {@code data.code} of an error reply. */
    public String wire() {
        return wire;
    }
}
