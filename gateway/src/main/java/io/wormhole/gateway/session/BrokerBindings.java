package io.wormhole.gateway.session;

import reactor.core.publisher.Mono;

/**
 * The broker-side interest a session needs for its subscriptions: reference-counted
 * AMQP bindings. {@code acquire} completes once the binding exists on the broker (or
 * at once while the broker is away: the interest is recorded and restored on
 * reconnection) and fails when the broker refuses it.
 */
public interface BrokerBindings {
    Mono<Void> acquire(String exchange, String pattern);

    void release(String exchange, String pattern);
}
