package io.wormhole.gateway.session;

import java.util.ArrayList;
import java.util.List;

import io.wormhole.protocol.catalog.ResolvedBinding;
import reactor.core.publisher.Flux;
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
    private final List<Pattern> taken = new ArrayList<>();         // guarded by this
    private boolean settled;                                       // guarded by this

    BindingClaim(BrokerBindings bindings) {
        this.bindings = bindings;
    }

    /** Takes one reference to every AMQP pattern of {@code b}, one after another. */
    Mono<Void> acquire(ResolvedBinding b) {
        return Flux.fromIterable(b.amqpPatterns()).concatMap(p -> acquire(new Pattern(b.exchange(), p))).then();
    }

    /** Takes one reference (none once settled); completes when the broker has the binding. */
    private Mono<Void> acquire(Pattern p) {
        Mono<Void> answer;
        synchronized (this) {
            if (settled) {
                return Mono.empty();
            }
            answer = bindings.acquire(p.exchange(), p.pattern());
            taken.add(p);
        }
        return answer.doOnError(e -> forget(p));
    }

    /** Settles the claim: the references are now the session's to release; false when already released. */
    synchronized boolean handOver() {
        if (settled) {
            return false;
        }
        settled = true;
        return true;
    }

    /** Gives back every reference taken, unless they were handed over. Idempotent. */
    synchronized void release() {
        if (settled) {
            return;
        }
        settled = true;
        for (Pattern p : taken) {
            bindings.release(p.exchange(), p.pattern());
        }
        taken.clear();
    }

    private synchronized void forget(Pattern p) {
        if (!settled) {
            taken.remove(p);
        }
    }

    private record Pattern(String exchange, String pattern) {
    }
}
