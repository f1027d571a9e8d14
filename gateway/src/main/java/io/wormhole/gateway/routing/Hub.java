package io.wormhole.gateway.routing;

import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.PayloadForm;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.scheduler.Schedulers;

/**
 * Routes each AMQP delivery to the recipients whose Subscriptions match it (architecture
 * "Match by index", "Encode once"; protocol §5).
 *
 * <p><b>Structure.</b> One {@link PatternTrie} per exchange, keyed by the AMQP patterns each
 * Binding resolves to; a pattern's {@link PatternEntry} holds, per resolved Binding, the
 * recipients per Account. A Binding with several patterns (a listed slot holding {@code *})
 * has one {@link BindingRecipients} shared by the entries of all its patterns, so an Event
 * matching two of them still reaches each Subscription once. A Subscription is one
 * (recipient, Account, Binding) triple.
 *
 * <p><b>Invariant.</b> The index holds exactly the Subscriptions added and not yet removed:
 * removing the last Subscription of a Binding, pattern or exchange removes that group, entry
 * (pruning its trie nodes) or trie, so {@link #isEmpty()} holds again once everything added
 * was removed.
 *
 * <p><b>Threading.</b> {@link #add} and {@link #remove} may be called from any thread; they
 * are serialised by one lock and publish each change copy-on-write (volatile fields,
 * concurrent maps), so {@link #route} takes no lock and a {@code route} that starts after an
 * {@code add} or {@code remove} returned sees the change. {@code route} is meant for the one
 * AMQP delivery thread. The only state it keeps between calls is the {@link AccountMemory}
 * (which call or conference is in which Account, and the Events held until that is known),
 * whose held Events are delivered on that same thread.
 *
 * <p><b>Events that name no Account</b> (catalogue {@code same_account}, {@link AccountWait}):
 * "*" subscribers get them at once, like every Event; the Subscriptions of a named Account
 * get them when a later Event of the same call or conference names the Account (just before
 * that Event), or never, when none does within the wait. Events that name their Account are
 * never held, nor are the Events of other calls.
 *
 * <p><b>Cost.</b> A delivery costs one trie walk (independent of the number of Sessions), one
 * payload parse and one payload form conversion when something matched, one encoding per
 * distinct (Binding, Account) frame, and one {@link Recipient#deliver} per Subscription that
 * gets it. Nothing is parsed for a delivery nobody wants.
 *
 * <p><b>Left out.</b> No cache of match results (see {@link PatternTrie}); no ordering across
 * recipients beyond "each recipient gets its frames in delivery order".
 */
public final class Hub {

    /** The Account of a Subscription to every Account. */
    static final String ANY_ACCOUNT = "*";

    private final MessageCodec codec;
    private final PayloadForm form;
    private final AccountMemory accounts;
    private final Consumer<RouteResult> laterResults;
    private final Object lock = new Object();
    /** Tries by exchange; immutable, replaced under the lock (exchanges change rarely). */
    private volatile Map<String, PatternTrie> tries = Map.of();
    /** The group of each Binding with a Subscription; guarded by the lock. */
    private final Map<ResolvedBinding, BindingRecipients> groups = new HashMap<>();

    /** A Hub that holds no Event for its Account (an Account is still learned when known). */
    public Hub(MessageCodec codec, PayloadForm form) {
        this(codec, form, new AccountWait(Duration.ZERO, 1, 1, Schedulers.immediate()), result -> { });
    }

    /**
     * @param laterResults told the second result of each Event {@link #route} reported
     *                     {@link RouteResult.Outcome#HELD}, once its wait ends: on the delivery
     *                     thread when released or pushed out, on the timer's thread when it
     *                     expires. Must not block.
     */
    public Hub(MessageCodec codec, PayloadForm form, AccountWait accountWait, Consumer<RouteResult> laterResults) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.form = Objects.requireNonNull(form, "form");
        this.laterResults = Objects.requireNonNull(laterResults, "laterResults");
        this.accounts = new AccountMemory(accountWait, this::deliverHeld, laterResults);
    }

    /**
     * Adds the Subscription of {@code recipient} to {@code binding} in {@code account}.
     * Idempotent: adding it again changes nothing. Any thread.
     *
     * @param account a 32-hex Account id, or {@code "*"} for every Account
     */
    public void add(Recipient recipient, String account, ResolvedBinding binding) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(binding, "binding");
        synchronized (lock) {
            BindingRecipients group = groups.get(binding);
            if (group == null) {
                group = new BindingRecipients(binding);
                groups.put(binding, group);
                PatternTrie trie = tries.get(binding.exchange());
                if (trie == null) {
                    trie = new PatternTrie();
                    Map<String, PatternTrie> next = new HashMap<>(tries);
                    next.put(binding.exchange(), trie);
                    tries = Map.copyOf(next);
                }
                for (String pattern : binding.amqpPatterns()) {
                    trie.add(pattern).add(group);
                }
            }
            group.add(account, recipient);
        }
    }

    /** Removes that one Subscription; does nothing if it is absent. Any thread. */
    public void remove(Recipient recipient, String account, ResolvedBinding binding) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(binding, "binding");
        synchronized (lock) {
            BindingRecipients group = groups.get(binding);
            if (group == null || !group.remove(account, recipient) || !group.isEmpty()) {
                return;
            }
            groups.remove(binding);
            PatternTrie trie = tries.get(binding.exchange());
            for (String pattern : binding.amqpPatterns()) {
                PatternEntry entry = trie.find(pattern);
                entry.remove(group);
                if (entry.isEmpty()) {
                    trie.remove(pattern);
                }
            }
            if (trie.isEmpty()) {
                Map<String, PatternTrie> next = new HashMap<>(tries);
                next.remove(binding.exchange());
                tries = Map.copyOf(next);
            }
        }
    }

    /**
     * Routes one AMQP delivery: finds the Subscriptions whose Binding matches
     * {@code routingKey} in the Event's Account (or in {@code "*"}), encodes each distinct
     * frame once and hands the same array to each of their recipients. A recipient gets one
     * frame per matching Subscription: two matching Bindings give two frames (protocol §5),
     * and so does the same Binding subscribed both for the Event's Account and for "*".
     * An Event that names no Account may be held for it (outcome HELD; see the class note).
     *
     * @param body the AMQP message body, expected to be one JSON object
     * @return the number of frames handed out, and the outcome when that is 0
     */
    public RouteResult route(String exchange, String routingKey, byte[] body) {
        PatternTrie trie = tries.get(exchange);
        if (trie == null) {
            return RouteResult.NO_MATCH;
        }
        PatternTrie.Matches matches = new PatternTrie.Matches();
        trie.match(routingKey, matches);
        if (matches.size() == 0) {
            return RouteResult.NO_MATCH;
        }
        EventRoute event = EventRoute.parse(codec, form, accounts, routingKey, body);
        if (event == null) {
            return RouteResult.MALFORMED_PAYLOAD;
        }
        boolean several = matches.size() > 1;
        for (int i = 0; i < matches.size(); i++) {
            event.learn(matches.get(i));
        }
        for (int i = 0; i < matches.size(); i++) {
            event.deliver(matches.get(i), several);
        }
        return event.holdOrResult(exchange, body);
    }

    /** Delivers a held Event whose Account became known, matched against today's Subscriptions. */
    private void deliverHeld(HeldEvents.HeldEvent held, String account) {
        PatternTrie trie = tries.get(held.exchange);
        EventRoute event = trie == null ? null : EventRoute.parse(codec, form, accounts, held.routingKey, held.body);
        if (event != null) {
            PatternTrie.Matches matches = new PatternTrie.Matches();
            trie.match(held.routingKey, matches);
            boolean several = matches.size() > 1;
            for (int i = 0; i < matches.size(); i++) {
                event.deliverHeld(matches.get(i), account, several);
            }
        }
        laterResults.accept(event == null ? RouteResult.NO_MATCH : event.result());
    }

    /** Events held now, waiting for their Account. Any thread. */
    public int heldEvents() {
        return accounts.heldEvents();
    }

    /** True when no Subscription exists: no trie is left, not even an empty one. */
    public boolean isEmpty() {
        return tries.isEmpty();
    }

    /** Distinct (exchange, AMQP pattern) pairs in the index. Walks the exchanges; not for the hot path. */
    public int patternCount() {
        int n = 0;
        for (PatternTrie trie : tries.values()) {
            n += trie.size();
        }
        return n;
    }

    /** The trie of {@code exchange}, or null: for tests that check the index's shape. */
    PatternTrie trie(String exchange) {
        return tries.get(exchange);
    }
}
