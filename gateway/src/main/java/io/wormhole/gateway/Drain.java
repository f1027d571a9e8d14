package io.wormhole.gateway;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The timetable of a drain (SIGTERM, {@code GATEWAY_DRAIN}): the node's sockets are
 * closed one by one, evenly spread over the window (the first at once), so that their
 * clients reconnect to other nodes without a thundering herd; the drain ends when the
 * whole window has passed, however few sockets there were, so that a load balancer's
 * health check has the window to see {@code /readyz} answer 503. One timer is pending at
 * a time. The closes run on the given scheduler's threads, one after another.
 */
final class Drain {
    private Drain() {
    }

    /**
     * Closes every item, the i-th of n at {@code window * i / n} after subscription;
     * completes at {@code window} (or when the last close ran, if later).
     */
    static <T> Mono<Void> spread(List<T> items, Duration window, Consumer<? super T> close, Scheduler scheduler) {
        int n = items.size();
        long windowNanos = window.toNanos();
        Mono<Void> closing = Flux.range(0, n)
                .concatMap(i -> {
                    long gap = windowNanos * i / n - (i == 0 ? 0 : windowNanos * (i - 1) / n);
                    return Mono.delay(Duration.ofNanos(gap), scheduler).doOnNext(t -> close.accept(items.get(i)));
                })
                .then();
        return Mono.when(closing, Mono.delay(window, scheduler));
    }
}
