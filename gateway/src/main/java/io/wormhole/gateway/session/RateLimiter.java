package io.wormhole.gateway.session;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code perSecond}.
 * Confined to one session's inbound pipeline (requests are handled one at a time).
 */
final class RateLimiter {
    private final double burst;
    private final double perNano;
    private double tokens;
    private long last;

    RateLimiter(int burst, double perSecond, long nowNanos) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
