package io.wormhole.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

import io.wormhole.protocol.CloseCode;
import io.wormhole.protocol.message.ServerMessage;

/**
 * The live sessions of this node, by id, and how many each client address holds; and
 * what they add up to for the metrics (closes by code, dropped events, outbox depth,
 * paused readers; docs/operations.md). Thread-safe: sessions come and go on event loops
 * while notices are broadcast from the broker's threads. The sums walk the live sessions
 * when asked (once per scrape), so the delivery path pays nothing for them.
 */
public final class Sessions {
    private final ConcurrentHashMap<String, Session> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final LongAdder[] closes = new LongAdder[CloseCode.values().length];
    /** Events dropped by sessions that have ended (the live ones are summed when asked). */
    private final LongAdder droppedByEnded = new LongAdder();

    public Sessions() {
        for (int i = 0; i < closes.length; i++) {
            closes[i] = new LongAdder();
        }
    }

    /**
     * Reserves a place for one more session from this address.
     *
     * @param max at most this many per address; 0 means no limit
     * @return false when the address already holds {@code max} sessions
     */
    public boolean reserve(String address, int max) {
        AtomicInteger n = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (max > 0 && n.incrementAndGet() > max) {
            unreserve(address);
            return false;
        }
        if (max <= 0) {
            n.incrementAndGet();
        }
        return true;
    }

    /** Gives back a place taken by {@link #reserve}. */
    public void unreserve(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    public void add(Session s) {
        byId.put(s.id(), s);
    }

    /** Forgets an ended session (its outbox takes no more events, so its drop count is final). */
    public void remove(Session s) {
        if (byId.remove(s.id(), s)) {
            droppedByEnded.add(s.outbox().droppedTotal());
        }
    }

    /** Counts a session the node closes with this code. */
    public void closing(CloseCode code) {
        closes[code.ordinal()].increment();
    }

    /** Sessions the node closed with this code since start. */
    public long closes(CloseCode code) {
        return closes[code.ordinal()].sum();
    }

    /** Events dropped by the overflow policy since start, over every session. */
    public long droppedEvents() {
        return droppedByEnded.sum() + sum(Outbox::droppedTotal);
    }

    /** Sessions whose socket is not read now because their replies are not being read. */
    public long pausedReaders() {
        return sum(o -> o.readerPaused() ? 1 : 0);
    }

    /** Frames (events, replies and notices) queued in every outbox now. */
    public long queuedFrames() {
        return sum(Outbox::queuedFrames);
    }

    /** The most frames queued in one outbox now. */
    public long queuedFramesMax() {
        long max = 0;
        for (Session s : byId.values()) {
            max = Math.max(max, s.outbox().queuedFrames());
        }
        return max;
    }

    /** Bytes of event frames queued in every outbox now. */
    public long queuedBytes() {
        return sum(Outbox::queuedBytes);
    }

    private long sum(ToLongFunction<Outbox> of) {
        long total = 0;
        for (Session s : byId.values()) {
            total += of.applyAsLong(s.outbox());
        }
        return total;
    }

    public Session get(String id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }

    /** A snapshot of the live sessions. */
    public List<Session> all() {
        return new ArrayList<>(byId.values());
    }

    /** Hands the notice to every live session (never dropped, see {@link Outbox#offerControl}). */
    public void broadcast(ServerMessage notice) {
        for (Session s : byId.values()) {
            s.notify(notice);
        }
    }
}
