package io.wormhole.gateway.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Broker bindings whose answers the test gives by hand. Like the real ones, an acquire
 * counts its reference when it is called and gives it back itself when it fails; in
 * manual mode its {@code Mono} stays pending until {@link #completeNext()} or
 * {@link #failNext()}. Thread-safe.
 */
final class FakeBrokerBindings implements BrokerBindings {
    private final Map<String, Integer> refs = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final boolean manual;

    private FakeBrokerBindings(boolean manual) {
        this.manual = manual;
    }

    /** Every acquire completes at once. */
    static FakeBrokerBindings immediate() {
        return new FakeBrokerBindings(false);
    }

    /** Every acquire waits for the test. */
    static FakeBrokerBindings manual() {
        return new FakeBrokerBindings(true);
    }

    @Override
    public synchronized Mono<Void> acquire(String exchange, String pattern) {
        String key = exchange + " " + pattern;
        refs.merge(key, 1, Integer::sum);
        if (!manual) {
            return Mono.empty();
        }
        Sinks.Empty<Void> answer = Sinks.empty();
        pending.addLast(new Pending(exchange, pattern, answer));
        return answer.asMono();
    }

    @Override
    public synchronized void release(String exchange, String pattern) {
        String key = exchange + " " + pattern;
        Integer n = refs.get(key);
        if (n == null || n == 0) {
            throw new AssertionError("released " + key + " without a reference");
        }
        refs.put(key, n - 1);
    }

    /** References held now, over every binding. */
    synchronized int references() {
        int total = 0;
        for (int n : refs.values()) {
            total += n;
        }
        return total;
    }

    /** Acquires still waiting for an answer. */
    synchronized int waiting() {
        return pending.size();
    }

    /** The oldest waiting acquire succeeds. */
    void completeNext() {
        next().answer.tryEmitEmpty();
    }

    /** The oldest waiting acquire fails (and, as the broker side does, gives its reference back). */
    void failNext() {
        Pending p = next();
        release(p.exchange, p.pattern);
        p.answer.tryEmitError(new IllegalStateException("the broker refused the binding"));
    }

    private synchronized Pending next() {
        Pending p = pending.pollFirst();
        if (p == null) {
            throw new AssertionError("no acquire is waiting");
        }
        return p;
    }

    private record Pending(String exchange, String pattern, Sinks.Empty<Void> answer) {
    }
}
