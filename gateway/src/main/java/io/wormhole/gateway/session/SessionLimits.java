package io.wormhole.gateway.session;

import java.time.Duration;

/**
 * The per-session bounds (docs/operations.md): outbox size and overflow policy,
 * bindings per session and per request, the request token bucket, and how long a
 * session may go without a valid token.
 */
public record SessionLimits(int outboxFrames, long outboxBytes, OverflowPolicy overflow, int maxBindings,
        int maxBindingsPerRequest, int rateBurst, double ratePerSecond, Duration authTimeout) {
}
