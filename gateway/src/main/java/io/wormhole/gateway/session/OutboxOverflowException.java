package io.wormhole.gateway.session;

import io.wormhole.protocol.CloseCode;

/**
 * The error that ends {@link Outbox#frames()} when it overflowed, with the code its
 * session is closed with (protocol §6, §7): 4008 when the policy is
 * {@link OverflowPolicy#CLOSE} and an event frame did not fit (the client reads too
 * slowly); 1008 when replies and notices passed their hard cap (the client keeps
 * sending while it reads none of its replies). An expected outcome, not a bug, so it
 * carries no stack trace.
 */
public final class OutboxOverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int maxFrames;
    private final long maxBytes;
    private final CloseCode closeCode;

    OutboxOverflowException(int maxFrames, long maxBytes) {
        this("outbox full (at most " + maxFrames + " event frames and " + maxBytes + " bytes): slow consumer",
                maxFrames, maxBytes, CloseCode.SLOW_CONSUMER);
    }

    private OutboxOverflowException(String message, int maxFrames, long maxBytes, CloseCode closeCode) {
        super(message, null, false, false);
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.closeCode = closeCode;
    }

    /** Replies and notices passed their hard cap of {@code cap} frames. */
    static OutboxOverflowException replies(int maxFrames, long maxBytes, long cap) {
        return new OutboxOverflowException("over " + cap + " replies and notices queued: the client reads none",
                maxFrames, maxBytes, CloseCode.POLICY);
    }

    /** How the session ends: 4008 for events under policy close, 1008 for replies. */
    public CloseCode closeCode() {
        return closeCode;
    }

    /** The outbox's bound on queued event frames. */
    public int maxFrames() {
        return maxFrames;
    }

    /** The outbox's bound on queued event bytes. */
    public long maxBytes() {
        return maxBytes;
    }
}
