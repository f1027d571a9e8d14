package io.wormhole.gateway.routing;

import io.wormhole.protocol.catalog.ResolvedBinding;
import java.util.Arrays;

/**
 * What one AMQP pattern leads to: the recipients of every client Binding that resolves to
 * it, one {@link BindingRecipients} per distinct {@link ResolvedBinding} (several Bindings may
 * share a pattern, e.g. the two forms of a conference Binding, and each gets its own frame
 * with its own {@code subscribed_key}). A group may sit in several entries: those of the
 * patterns of one Binding.
 *
 * <p>Threading: mutated only under the Hub's lock; {@link #bindings()} is read by the
 * delivery thread without one. The array is replaced, never modified (copy-on-write): it
 * holds one or two elements in practice.
 */
final class PatternEntry {

    private static final BindingRecipients[] NONE = new BindingRecipients[0];

    private final String pattern;
    private volatile BindingRecipients[] bindings = NONE;

    PatternEntry(String pattern) {
        this.pattern = pattern;
    }

    /** The AMQP pattern this entry belongs to. */
    String pattern() {
        return pattern;
    }

    /** The current groups; the caller must not modify the array. */
    BindingRecipients[] bindings() {
        return bindings;
    }

    /** The group of {@code binding}, or null. */
    BindingRecipients find(ResolvedBinding binding) {
        BindingRecipients[] current = bindings;
        for (int i = 0; i < current.length; i++) {
            if (current[i].binding().equals(binding)) {
                return current[i];
            }
        }
        return null;
    }

    /** Adds {@code group} unless it is here already. Caller holds the lock. */
    void add(BindingRecipients group) {
        BindingRecipients[] current = bindings;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == group) {
                return;
            }
        }
        BindingRecipients[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = group;
        bindings = next;
    }

    /** Drops {@code group} from this entry. Caller holds the lock. */
    void remove(BindingRecipients group) {
        BindingRecipients[] current = bindings;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == group) {
                if (current.length == 1) {
                    bindings = NONE;
                    return;
                }
                BindingRecipients[] next = new BindingRecipients[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, next.length - i);
                bindings = next;
                return;
            }
        }
    }

    boolean isEmpty() {
        return bindings.length == 0;
    }
}
