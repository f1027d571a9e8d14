package io.wormhole.gateway.routing;

import io.wormhole.protocol.catalog.AccountLocator;
import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.catalog.SameAccount;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.EventPayload;
import io.wormhole.protocol.payload.PayloadForm;
import java.util.Arrays;

/**
 * The fan-out of one Event to the entries its RoutingKey matched: the per-delivery state of
 * {@link Hub#route}, created once per delivery and used by one thread.
 *
 * <p>Each piece of work is done at most once per delivery: the payload is parsed once, its
 * {@code data} in the configured form is produced once (on the first frame), the Account is
 * located once per distinct {@link AccountLocator}, and each (Binding, Account) frame is
 * encoded once and the same array handed to every recipient in a plain indexed loop.
 *
 * <p>An Event that names no Account takes the one its call or conference taught the
 * {@link AccountMemory}; when none is known yet, "*" subscribers get it at once and
 * {@link #holdOrResult} holds it for the others. {@link #learn} runs before {@link #deliver},
 * so Events held for the Account this Event names go out before it.
 */
final class EventRoute {

    private final MessageCodec codec;
    private final PayloadForm form;
    private final AccountMemory memory;
    private final String routingKey;
    private final EventPayload payload;
    private byte[] data;

    /** Accounts found so far, by locator; null values are memoised too (Account absent). */
    private AccountLocator[] locators = new AccountLocator[2];
    private String[] accounts = new String[2];
    private int located;

    private int frames;
    private boolean accountMissing;
    /** Groups served so far, when several entries matched: a Binding's patterns may overlap. */
    private BindingRecipients[] served;
    private int servedCount;
    /** The rule last taught, and the one recalled (with its answer): each done once per Event. */
    private SameAccount taught;
    private SameAccount recalled;
    private String recalledAccount;
    /** Set when a Binding with account Subscribers found no Account: the Event should wait for it. */
    private SameAccount waiting;

    private EventRoute(MessageCodec codec, PayloadForm form, AccountMemory memory, String routingKey,
            EventPayload payload) {
        this.codec = codec;
        this.form = form;
        this.memory = memory;
        this.routingKey = routingKey;
        this.payload = payload;
    }

    /** The route of one delivery, or null when its body is not a JSON object. */
    static EventRoute parse(MessageCodec codec, PayloadForm form, AccountMemory memory, String routingKey,
            byte[] body) {
        EventPayload payload;
        try {
            payload = EventPayload.parse(body);
        } catch (IllegalArgumentException notAnObject) {
            return null;
        }
        return new EventRoute(codec, form, memory, routingKey, payload);
    }

    /**
     * Teaches the Account this Event names to its call or conference, which first delivers
     * the Events held for it there.
     */
    void learn(PatternEntry entry) {
        BindingRecipients[] groups = entry.bindings();
        for (int g = 0; g < groups.length; g++) {
            ResolvedBinding binding = groups[g].binding();
            SameAccount rule = binding.sameAccount();
            if (rule == null || rule == taught || rule.equals(taught)) {
                continue;
            }
            String account = locate(binding.accountLocator());
            if (account != null) {
                taught = rule;
                memory.teach(rule, routingKey, payload.tree(), account);
            }
        }
    }

    /**
     * Hands this Event to every Subscription of {@code entry} in the Event's Account or in
     * "*". An Account that reads "*" is none: "*" subscribers get the Event once, as theirs.
     *
     * @param several whether other entries matched too, so that a group seen before is skipped
     */
    void deliver(PatternEntry entry, boolean several) {
        BindingRecipients[] groups = entry.bindings();
        for (int g = 0; g < groups.length; g++) {
            BindingRecipients group = groups[g];
            if (several && !firstVisit(group)) {
                continue;
            }
            String account = locate(group.binding().accountLocator());
            if (account == null) {
                account = recall(group);
            }
            if (account == null) {
                accountMissing = true;
            } else {
                deliver(group, account, group.recipients(account));
            }
            deliver(group, Hub.ANY_ACCOUNT, group.recipients(Hub.ANY_ACCOUNT));
        }
    }

    private boolean firstVisit(BindingRecipients group) {
        if (served == null) {
            served = new BindingRecipients[4];
        }
        for (int i = 0; i < servedCount; i++) {
            if (served[i] == group) {
                return false;
            }
        }
        if (servedCount == served.length) {
            served = Arrays.copyOf(served, servedCount * 2);
        }
        served[servedCount++] = group;
        return true;
    }

    /**
     * Hands a held Event, whose Account became known, to the Subscriptions in that Account
     * of each Binding that could not find it when the Event arrived ("*" had it then).
     */
    void deliverHeld(PatternEntry entry, String account, boolean several) {
        BindingRecipients[] groups = entry.bindings();
        for (int g = 0; g < groups.length; g++) {
            BindingRecipients group = groups[g];
            if (several && !firstVisit(group)) {
                continue;
            }
            ResolvedBinding binding = group.binding();
            if (binding.sameAccount() != null && locate(binding.accountLocator()) == null) {
                deliver(group, account, group.recipients(account));
            }
        }
    }

    /** The Account taught for this Event's call or conference, or null (then it may wait). */
    private String recall(BindingRecipients group) {
        SameAccount rule = group.binding().sameAccount();
        if (rule == null) {
            return null;
        }
        if (rule != recalled && !rule.equals(recalled)) {
            recalled = rule;
            recalledAccount = memory.recall(rule, routingKey, payload.tree());
        }
        if (recalledAccount == null && group.hasNamedAccounts()) {
            waiting = rule;
        }
        return recalledAccount;
    }

    private void deliver(BindingRecipients group, String account, Recipient[] recipients) {
        if (recipients == null || recipients.length == 0) {
            return;
        }
        if (data == null) {
            data = payload.data(form);
        }
        ResolvedBinding binding = group.binding();
        byte[] frame = codec.encodeEvent(binding.binding(), binding.subscriptionKey(account),
                payload.eventName(), routingKey, data);
        for (int i = 0; i < recipients.length; i++) {
            recipients[i].deliver(frame);
        }
        frames += recipients.length;
    }

    private String locate(AccountLocator locator) {
        for (int i = 0; i < located; i++) {
            if (locators[i] == locator || locators[i].equals(locator)) {
                return accounts[i];
            }
        }
        String account = locator.locate(routingKey, payload.tree());
        if (Hub.ANY_ACCOUNT.equals(account)) {
            account = null; // "*" names no Account: "*" subscribers get the Event once, as theirs
        }
        if (located == locators.length) {
            locators = Arrays.copyOf(locators, located * 2);
            accounts = Arrays.copyOf(accounts, located * 2);
        }
        locators[located] = locator;
        accounts[located] = account;
        located++;
        return account;
    }

    /**
     * The outcome: DELIVERED when any frame went out; otherwise NO_ACCOUNT when some matched
     * Binding could not find the Event's Account (and nobody took it through "*"), else
     * NO_MATCH (the Account was found but nobody subscribed in it).
     */
    RouteResult result() {
        if (frames > 0) {
            return new RouteResult(frames, RouteResult.Outcome.DELIVERED);
        }
        return accountMissing ? RouteResult.NO_ACCOUNT : RouteResult.NO_MATCH;
    }

    /** {@link #result()}, unless some Subscription waits for this Event's Account: then it is held. */
    RouteResult holdOrResult(String exchange, byte[] body) {
        if (waiting == null) {
            return result();
        }
        return memory.hold(exchange, routingKey, body, waiting, payload.tree(), frames);
    }
}
