package io.wormhole.gateway.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The node's AMQP bindings, reference-counted per (exchange, pattern).
 *
 * <p>Design: one table guarded by this object's monitor. {@link #acquire} counts a
 * reference and returns a {@code Mono} that completes once the binding exists on the
 * broker; concurrent first acquirers share one bind RPC. {@link #release} drops a
 * reference; the last release schedules the unbind after the grace period, and an
 * acquire within the grace period cancels it, so reconnect storms do not churn the
 * broker. While the broker is unreachable, acquire completes at once (the interest is
 * recorded) and {@link #reconcile} binds every live entry when the connection is back.
 * A bind that fails because the connection is gone ({@link BrokerFailure#isOutage}) is
 * the same case noticed first here: the interest stays recorded, the acquire succeeds,
 * and the outage listener is told so that the node starts recovering; only a refusal by
 * a live broker fails the acquire.
 * Cost: one broker RPC per distinct pattern, not per session.
 */
final class BrokerInterest {
    private static final Logger log = LoggerFactory.getLogger(BrokerInterest.class);

    private final Map<Key, Entry> entries = new HashMap<>();
    private final Topology topology;
    private final Duration grace;
    private final Scheduler timer;
    private final Runnable outage;
    private boolean connected;

    /**
     * @param outage called (outside the monitor) when a bind found the connection gone
     *               before the node noticed; it must start a {@link #reconcile}
     */
    BrokerInterest(Topology topology, Duration grace, Scheduler timer, Runnable outage) {
        this.topology = topology;
        this.grace = grace;
        this.timer = timer;
        this.outage = outage;
    }

    /** Counts one more user of the binding; completes when the broker has it (or is away). */
    Mono<Void> acquire(String exchange, String pattern) {
        Key key = new Key(exchange, pattern);
        Mono<Void> bind;
        synchronized (this) {
            Entry e = entries.computeIfAbsent(key, k -> new Entry());
            e.refs++;
            if (e.unbindTimer != null) {
                e.unbindTimer.dispose();
                e.unbindTimer = null;
            }
            if (e.bound || !connected) {
                return Mono.empty();
            }
            if (e.binding == null) {
                e.binding = bindNow(key, e).cache();
            }
            bind = e.binding;
        }
        return bind.onErrorResume(err -> {
            if (BrokerFailure.isOutage(err)) {
                return Mono.empty(); // recorded: bound when the connection is back
            }
            release(exchange, pattern);
            return Mono.error(err);
        });
    }

    /** Drops one user; the last one's release unbinds after the grace period. */
    void release(String exchange, String pattern) {
        Key key = new Key(exchange, pattern);
        synchronized (this) {
            Entry e = entries.get(key);
            if (e == null || e.refs == 0) {
                return;
            }
            if (--e.refs == 0) {
                e.unbindTimer = timer.schedule(() -> unbindIfUnused(key, e), grace.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Number of (exchange, pattern) pairs currently held, in grace or not. */
    synchronized int size() {
        return entries.size();
    }

    synchronized void disconnected() {
        connected = false;
        for (Entry e : entries.values()) {
            e.bound = false;
            e.binding = null;
        }
    }

    /**
     * The connection is (back) up with a fresh queue: bind every entry still in use and
     * forget those waiting for their grace period to end (the new queue never had them).
     * Fails, after trying every binding, when any of them could not be made; what was
     * made stays made, and a retry binds the rest.
     */
    Mono<Void> reconcile() {
        List<Mono<Void>> binds = new ArrayList<>();
        synchronized (this) {
            connected = true;
            entries.entrySet().removeIf(en -> {
                Entry e = en.getValue();
                if (e.refs == 0) {
                    if (e.unbindTimer != null) {
                        e.unbindTimer.dispose();
                    }
                    return true;
                }
                return false;
            });
            for (Map.Entry<Key, Entry> en : entries.entrySet()) {
                Entry e = en.getValue();
                if (!e.bound && e.binding == null) {
                    e.binding = bindNow(en.getKey(), e).cache();
                }
                binds.add(e.binding);
            }
        }
        return Flux.fromIterable(binds)
                .concatMap(m -> m.thenReturn(0).onErrorResume(err -> {
                    log.warn("could not restore a binding: {}", err.getMessage());
                    return Mono.just(1);
                }))
                .reduce(0, Integer::sum)
                .flatMap(failed -> failed == 0 ? Mono.<Void>empty()
                        : Mono.error(new AmqpException(failed + " binding(s) could not be restored", null)));
    }

    /** Cancels the pending unbinds (the node is stopping; the queue goes with it). */
    synchronized void close() {
        for (Entry e : entries.values()) {
            if (e.unbindTimer != null) {
                e.unbindTimer.dispose();
            }
        }
        entries.clear();
    }

    private Mono<Void> bindNow(Key key, Entry e) {
        return topology.bind(key.exchange, key.pattern)
                .doOnSuccess(v -> {
                    synchronized (this) {
                        e.bound = true;
                    }
                })
                .onErrorResume(err -> {
                    boolean noticedHere;
                    synchronized (this) {
                        e.binding = null;
                        if (!connected) {
                            return Mono.empty(); // lost the broker mid-call: reconcile() binds it later
                        }
                        noticedHere = BrokerFailure.isOutage(err);
                        if (noticedHere) {
                            disconnected();
                        }
                    }
                    if (noticedHere) {
                        outage.run();
                    }
                    return Mono.error(err);
                });
    }

    private synchronized void unbindIfUnused(Key key, Entry e) {
        if (e.refs != 0 || entries.get(key) != e) {
            return;
        }
        entries.remove(key);
        // A bind still in flight is unbound too: the unbind queues behind it on the topology
        // thread, so the broker is not left with a binding nobody tracks.
        if ((e.bound || e.binding != null) && connected) {
            // subscribed under the monitor: queued on the topology thread before any new bind of it
            topology.unbind(key.exchange, key.pattern)
                    .subscribe(null, err -> log.warn("{}", err.getMessage()));
        }
    }

    private record Key(String exchange, String pattern) {
    }

    private static final class Entry {
        int refs;
        boolean bound;
        Mono<Void> binding;
        Disposable unbindTimer;
    }
}
