package io.wormhole.gateway.session;

/**
 * The per-session bounds (docs/operations.md): outbox size and overflow policy,
 * bindings per session and per request, and the request token bucket.
 */
public record SessionLimits(int outboxFrames, long outboxBytes, OverflowPolicy overflow, int maxBindings,
        int maxBindingsPerRequest, int rateBurst, double ratePerSecond) {
}
