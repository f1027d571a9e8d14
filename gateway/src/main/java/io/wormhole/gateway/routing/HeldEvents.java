package io.wormhole.gateway.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import reactor.core.Disposable;

/**
 * Events that name no Account, held while the Hub waits for a later Event of the same call
 * or conference to name it: a bounded set of per-id queues, each Event with its own timer.
 *
 * <p><b>Structure.</b> A {@code Hold} keeps the Events of one call or conference in arrival
 * order; each of their ids (a call's own id and its other leg's) maps to it. Every held
 * Event is also kept in one oldest-first set across Holds, for the bounds: at most
 * {@link AccountWait#maxEvents()} Events and {@link AccountWait#maxBytes()} body bytes. An
 * Event of one call is never queued behind another call's Events.
 *
 * <p><b>Endings.</b> Each held Event ends exactly once, by the first of: release (an Event of
 * one of its ids named the Account; the caller delivers it), expiry (its wait ran out;
 * reported {@link RouteResult.Outcome#NO_ACCOUNT}) and overflow (the bounds needed room for a
 * newer Event; reported {@link RouteResult.Outcome#HOLD_OVERFLOW}). Only a release delivers,
 * so Recipients are only ever called on the delivery thread.
 *
 * <p><b>Threading.</b> {@link #hold} and {@link #release} are called by the one delivery
 * thread; an expiry runs on the timer's thread. One lock guards every structure here and
 * every {@code HeldEvent}'s state; it is held for map and list updates only, never while
 * delivering or reporting. An Event leaves the structures under that lock, so whichever of
 * release, expiry and overflow takes it first ends it and the others find it gone: an expiry
 * racing a release neither loses nor duplicates it. {@link #isEmpty} reads a volatile count
 * without the lock (the delivery thread's cheap check before it looks for held Events).
 */
final class HeldEvents {

    /** One held delivery, as the broker handed it over. */
    static final class HeldEvent {
        final String exchange;
        final String routingKey;
        final byte[] body;
        /** The Hold it waits in; null once it ended. Guarded by the lock. */
        private Hold hold;
        /** Its expiry timer. Guarded by the lock. */
        private Disposable expiry;

        private HeldEvent(String exchange, String routingKey, byte[] body) {
            this.exchange = exchange;
            this.routingKey = routingKey;
            this.body = body;
        }
    }

    /** The Events of one call or conference, oldest first, and the ids that map to them. */
    private static final class Hold {
        final ArrayDeque<HeldEvent> events = new ArrayDeque<>(2);
        final List<ScopedId> ids = new ArrayList<>(2);
    }

    private final AccountWait settings;
    private final Consumer<RouteResult> endings;
    private final Object lock = new Object();
    private final Map<ScopedId, Hold> byId = new HashMap<>();
    private final LinkedHashSet<HeldEvent> oldestFirst = new LinkedHashSet<>();
    private long bytes;
    private volatile int size;

    /**
     * @param endings told of each expiry and overflow, on the thread where it happened,
     *                never under the lock
     */
    HeldEvents(AccountWait settings, Consumer<RouteResult> endings) {
        this.settings = settings;
        this.endings = endings;
    }

    /**
     * Holds one Event under its ids until {@link #release} of one of them or its expiry;
     * first pushes out the oldest held Events while the bounds lack room. Delivery thread.
     *
     * @return false when it is not held: waiting is off, it has no id, its body alone is over
     *         the byte bound, or the timer refuses work (the node is closing)
     */
    boolean hold(String exchange, String routingKey, byte[] body, List<ScopedId> ids) {
        if (settings.duration().isZero() || ids.isEmpty() || body.length > settings.maxBytes()) {
            return false;
        }
        HeldEvent event = new HeldEvent(exchange, routingKey, body);
        int pushedOut = 0;
        synchronized (lock) {
            try {
                event.expiry = settings.timer().schedule(() -> expire(event), settings.duration().toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                return false;
            }
            while (size >= settings.maxEvents() || bytes + body.length > settings.maxBytes()) {
                end(oldestFirst.iterator().next());
                pushedOut++;
            }
            Hold hold = null;
            for (int i = 0; i < ids.size() && hold == null; i++) {
                hold = byId.get(ids.get(i));
            }
            if (hold == null) {
                hold = new Hold();
            }
            for (int i = 0; i < ids.size(); i++) {
                if (byId.putIfAbsent(ids.get(i), hold) == null) {
                    hold.ids.add(ids.get(i));
                }
            }
            hold.events.add(event);
            event.hold = hold;
            oldestFirst.add(event);
            bytes += body.length;
            size++;
        }
        for (int i = 0; i < pushedOut; i++) {
            endings.accept(RouteResult.HOLD_OVERFLOW);
        }
        return true;
    }

    /**
     * Ends the wait of every Event held under {@code id} (and under the other ids of its
     * call or conference) and hands them back oldest first, for the caller to deliver.
     * Delivery thread.
     */
    List<HeldEvent> release(ScopedId id) {
        synchronized (lock) {
            Hold hold = byId.get(id);
            if (hold == null) {
                return List.of();
            }
            List<HeldEvent> released = new ArrayList<>(hold.events);
            for (int i = released.size() - 1; i >= 0; i--) {
                end(released.get(i));
            }
            return released;
        }
    }

    /** True when nothing is held; no lock. */
    boolean isEmpty() {
        return size == 0;
    }

    /** Events held now. */
    int size() {
        return size;
    }

    /** Body bytes held now. */
    long bytes() {
        synchronized (lock) {
            return bytes;
        }
    }

    private void expire(HeldEvent event) {
        synchronized (lock) {
            if (event.hold == null) {
                return;
            }
            end(event);
        }
        endings.accept(RouteResult.NO_ACCOUNT);
    }

    /** Takes a held Event out of every structure and stops its timer. Caller holds the lock. */
    private void end(HeldEvent event) {
        Hold hold = event.hold;
        hold.events.remove(event);
        if (hold.events.isEmpty()) {
            for (Iterator<ScopedId> it = hold.ids.iterator(); it.hasNext();) {
                byId.remove(it.next(), hold);
            }
        }
        event.hold = null;
        event.expiry.dispose();
        oldestFirst.remove(event);
        bytes -= event.body.length;
        size--;
    }
}
