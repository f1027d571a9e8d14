package io.wormhole.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.wormhole.protocol.catalog.AccountLocator;
import io.wormhole.protocol.catalog.SameAccount;

/**
 * Which Account each call and conference belongs to, as learned from its Events that name
 * it, and the Events that name none while that is not known yet (catalogue
 * {@code same_account}; kazoo-events.md "Corrections and rules": an inbound call's first
 * Event and conference commands name no Account).
 *
 * <p><b>Rule.</b> An Event that names its Account teaches it for each of its ids: its own id
 * always (the latest Account named wins), a linked id (a call's other leg) only when that id
 * has none yet, so a leg keeps the Account its own Events name. Teaching first releases, in
 * arrival order, the Events held under that id, so a call's Events keep their order. An
 * Event that names no Account takes the one taught for any of its ids; when there is none,
 * the Hub hands "*" subscribers the Event at once and {@link #hold}s it for the others.
 *
 * <p><b>Bounds.</b> At most {@value #MAX_IDS} ids are remembered, each forgotten after
 * {@link #IDLE} without an Event (Caffeine, size- and access-bounded); held Events are
 * bounded by {@link HeldEvents}.
 *
 * <p><b>Threading.</b> {@link #recall}, {@link #teach} and {@link #hold} are called by the
 * one delivery thread; released Events are delivered on it, through {@code release}. The
 * memory is a concurrent cache; {@link HeldEvents} has its own lock and rule.
 */
final class AccountMemory {

    static final int MAX_IDS = 100_000;
    static final Duration IDLE = Duration.ofHours(1);

    /** Delivers a held Event whose Account became known. Delivery thread. */
    interface Release {
        void deliver(HeldEvents.HeldEvent event, String account);
    }

    private final Cache<ScopedId, String> accounts = Caffeine.newBuilder()
            .maximumSize(MAX_IDS)
            .expireAfterAccess(IDLE)
            .executor(Runnable::run) // evict on the calling thread: no pool of its own
            .build();
    private final HeldEvents held;
    private final Release release;

    AccountMemory(AccountWait settings, Release release, Consumer<RouteResult> endings) {
        this.held = new HeldEvents(settings, endings);
        this.release = release;
    }

    /** The Account taught for one of this Event's ids, in rule order, or null. */
    String recall(SameAccount rule, String routingKey, JsonNode payload) {
        List<AccountLocator> ids = rule.ids();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i).locate(routingKey, payload);
            String account = id == null ? null : accounts.getIfPresent(new ScopedId(rule.scope(), id));
            if (account != null) {
                return account;
            }
        }
        return null;
    }

    /**
     * Remembers that this Event's ids belong to {@code account}, after delivering every Event
     * held under them with that Account.
     */
    void teach(SameAccount rule, String routingKey, JsonNode payload, String account) {
        List<AccountLocator> ids = rule.ids();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i).locate(routingKey, payload);
            if (id == null) {
                continue;
            }
            ScopedId key = new ScopedId(rule.scope(), id);
            String known = accounts.getIfPresent(key);
            if (known == null || i == 0 && !known.equals(account)) {
                accounts.put(key, account);
            } else if (!known.equals(account)) {
                continue;
            }
            if (!held.isEmpty()) {
                List<HeldEvents.HeldEvent> released = held.release(key);
                for (int r = 0; r < released.size(); r++) {
                    release.deliver(released.get(r), account);
                }
            }
        }
    }

    /**
     * Holds an Event whose Account is not known yet, "*" subscribers having had it
     * ({@code frames}).
     *
     * @return HELD, or, when it cannot be held, what it is now: DELIVERED to "*" or NO_ACCOUNT
     */
    RouteResult hold(String exchange, String routingKey, byte[] body, SameAccount rule, JsonNode payload,
            int frames) {
        List<ScopedId> keys = new ArrayList<>(rule.ids().size());
        for (int i = 0; i < rule.ids().size(); i++) {
            String id = rule.ids().get(i).locate(routingKey, payload);
            if (id != null) {
                keys.add(new ScopedId(rule.scope(), id));
            }
        }
        if (held.hold(exchange, routingKey, body, keys)) {
            return new RouteResult(frames, RouteResult.Outcome.HELD);
        }
        return frames > 0 ? new RouteResult(frames, RouteResult.Outcome.DELIVERED) : RouteResult.NO_ACCOUNT;
    }

    /** Events held now. Any thread. */
    int heldEvents() {
        return held.size();
    }
}
