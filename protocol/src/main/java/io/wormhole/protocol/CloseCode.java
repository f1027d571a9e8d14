package io.wormhole.protocol;

/**
 * Every way the gateway ends a session, with its WebSocket close status
 * (RFC 6455 §7.4; 4000-4999 are the application's own, protocol §6).
 */
public enum CloseCode {
    NORMAL(1000, "normal closure"),
    GOING_AWAY(1001, "going away"),
    /** A text message that is not valid UTF-8 (RFC 6455 §8.1). */
    INVALID_PAYLOAD(1007, "invalid UTF-8"),
    POLICY(1008, "policy violation"),
    TOO_BIG(1009, "message too big"),
    INTERNAL(1011, "internal error"),
    SLOW_CONSUMER(4008, "slow consumer"),
    TOKEN_EXPIRED(4401, "token expired");

    private final int status;
    private final String reason;

    CloseCode(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** The numeric close status sent in the close frame. */
    public int status() {
        return status;
    }

    /** The reason text sent in the close frame. */
    public String reason() {
        return reason;
    }
}
