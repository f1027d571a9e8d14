package io.wormhole.gateway.routing;

import io.wormhole.protocol.catalog.ResolvedBinding;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recipients of one resolved Binding, per Account: each (Account, recipient) pair here
 * is one Subscription. The Account {@value Hub#ANY_ACCOUNT} holds the recipients that want
 * the Binding in every Account.
 *
 * <p>Threading: mutated only under the Hub's lock; read by the delivery thread without one.
 * The map is concurrent and each recipient array is replaced, never modified
 * (copy-on-write), so a reader holds a stable snapshot it can loop over by index. A
 * mutation costs O(recipients of that Account), a read one map lookup.
 */
final class BindingRecipients {

    private final ResolvedBinding binding;
    private final ConcurrentHashMap<String, Recipient[]> byAccount = new ConcurrentHashMap<>(4);

    BindingRecipients(ResolvedBinding binding) {
        this.binding = binding;
    }

    ResolvedBinding binding() {
        return binding;
    }

    /** The recipients subscribed for {@code account}, or null; the caller must not modify the array. */
    Recipient[] recipients(String account) {
        return byAccount.get(account);
    }

    /** Adds the Subscription; false if it was already there. Caller holds the lock. */
    boolean add(String account, Recipient recipient) {
        Recipient[] current = byAccount.get(account);
        if (current == null) {
            byAccount.put(account, new Recipient[] {recipient});
            return true;
        }
        for (int i = 0; i < current.length; i++) {
            if (current[i] == recipient) {
                return false;
            }
        }
        Recipient[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = recipient;
        byAccount.put(account, next);
        return true;
    }

    /** Removes the Subscription; false if it was not there. Caller holds the lock. */
    boolean remove(String account, Recipient recipient) {
        Recipient[] current = byAccount.get(account);
        if (current == null) {
            return false;
        }
        for (int i = 0; i < current.length; i++) {
            if (current[i] == recipient) {
                if (current.length == 1) {
                    byAccount.remove(account);
                } else {
                    Recipient[] next = new Recipient[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, next.length - i);
                    byAccount.put(account, next);
                }
                return true;
            }
        }
        return false;
    }

    /** True when some Subscription is for a named Account, not only for "*". Lock-free. */
    boolean hasNamedAccounts() {
        int accounts = byAccount.size();
        return accounts > 1 || accounts == 1 && !byAccount.containsKey(Hub.ANY_ACCOUNT);
    }

    boolean isEmpty() {
        return byAccount.isEmpty();
    }
}
