package io.wormhole.gateway.routing;

import java.time.Duration;
import java.util.Objects;

import reactor.core.scheduler.Scheduler;

/**
 * How long and how much the {@link Hub} holds Events that name no Account while it waits
 * for a later Event of the same call or conference to name it (docs/operations.md,
 * {@code GATEWAY_ACCOUNT_WAIT}). Immutable.
 *
 * @param duration  how long one Event may wait; zero holds nothing (an Event whose Account
 *                  is not known yet reaches "*" subscribers only, at once)
 * @param maxEvents most Events held at once by the node
 * @param maxBytes  most body bytes held at once by the node
 * @param timer     runs the expiry of each held Event; a VirtualTimeScheduler in tests
 */
public record AccountWait(Duration duration, int maxEvents, long maxBytes, Scheduler timer) {

    public AccountWait {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timer, "timer");
        if (duration.isNegative() || maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("duration >= 0, maxEvents >= 1 and maxBytes >= 1 are needed");
        }
    }
}
