package io.wormhole.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.wormhole.protocol.message.ServerMessage;

/**
 * The live sessions of this node, by id, and how many each client address holds.
 * Thread-safe: sessions come and go on event loops while notices are broadcast from the
 * broker's threads.
 */
public final class Sessions {
    private final ConcurrentHashMap<String, Session> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

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

    public void remove(Session s) {
        byId.remove(s.id(), s);
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
