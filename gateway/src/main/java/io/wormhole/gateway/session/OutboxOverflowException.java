package io.wormhole.gateway.session;

/**
 * The error that ends {@link Outbox#frames()} when the policy is {@link OverflowPolicy#CLOSE}
 * and an event frame did not fit: the client reads too slowly and its session is closed
 * with 4008 (protocol §6, §7). An expected outcome, not a bug, so it carries no stack trace.
 */
public final class OutboxOverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int maxFrames;
    private final long maxBytes;

    OutboxOverflowException(int maxFrames, long maxBytes) {
        super("outbox full (at most " + maxFrames + " event frames and " + maxBytes
                + " bytes): slow consumer", null, false, false);
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
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
