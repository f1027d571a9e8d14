package io.wormhole.gateway.session;

import java.util.ArrayList;
import java.util.List;

import io.wormhole.protocol.catalog.ResolvedBinding;
import reactor.core.publisher.Mono;

/**
 * The broker binding references one subscribe has taken and not yet handed to its
 * {@link Session}. It ends exactly once, whichever comes first: {@link #handOver()} (the
 * subscribe succeeded; the session owns the references and releases them when it
 * unsubscribes or ends) or {@link #release()} (every other way out: an error, a cancel
 * while the broker has not answered, the session closed before the answer).
 *
 * <p>A reference counts from the moment {@link BrokerBindings#acquire} is called, not
 * from when its {@code Mono} completes, so a cancel in between still gives it back; an
 * acquire that fails has already given its own back and is forgotten here.
 *
 * <p>Thread-safe: acquired on the request's thread, settled on whichever thread
 * completes, fails or cancels the subscribe. Lock order: Session, then this, then the
 * broker bindings' own lock.
 */
final class BindingClaim {
    private final BrokerBindings bindings;
    private final List<ResolvedBinding> taken = new ArrayList<>(); // guarded by this
    private boolean settled;                                       // guarded by this

    BindingClaim(BrokerBindings bindings) {
        this.bindings = bindings;
    }

    /** Takes one reference (none once settled); completes when the broker has the binding. */
    Mono<Void> acquire(ResolvedBinding b) {
        Mono<Void> answer;
        synchronized (this) {
            if (settled) {
                return Mono.empty();
            }
            answer = bindings.acquire(b.exchange(), b.amqpPattern());
            taken.add(b);
        }
        return answer.doOnError(e -> forget(b));
    }

    /** The references taken, now the session's to release; null when already released. */
    synchronized List<ResolvedBinding> handOver() {
        if (settled) {
            return null;
        }
        settled = true;
        return List.copyOf(taken);
    }

    /** Gives back every reference taken, unless they were handed over. Idempotent. */
    synchronized void release() {
        if (settled) {
            return;
        }
        settled = true;
        for (ResolvedBinding b : taken) {
            bindings.release(b.exchange(), b.amqpPattern());
        }
        taken.clear();
    }

    private synchronized void forget(ResolvedBinding b) {
        if (!settled) {
            taken.remove(b);
        }
    }
}
