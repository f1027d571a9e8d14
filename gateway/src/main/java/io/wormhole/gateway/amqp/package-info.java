/**
 * The broker side of a node: one AMQP connection shared by the consumer and the
 * topology operations, one server-named exclusive auto-delete queue, bindings
 * reference-counted per (exchange, pattern), recovery after connection loss and after
 * the broker ended the consumer.
 * Reactor RabbitMQ and amqp-client types stay inside this package.
 *
 * <p>Threads: deliveries are emitted on amqp-client's consumer thread (serialised per
 * channel); blocking topology RPCs (declare, bind, unbind) run on one dedicated
 * single-thread scheduler, never on an event loop or the consumer thread; delayed
 * acknowledgements, unbind grace periods and retries run on the node's timer scheduler.
 * Locks: {@code BrokerInterest}'s monitor guards its table; {@code Acknowledgements}'
 * monitor is held while acking one channel (consumer thread or timer); the state lock
 * in {@code AmqpSource} is held while a state change is published. None is taken while
 * holding another, except that publishing a state change runs the listeners (the
 * sessions' notices, which only enqueue).
 */
package io.wormhole.gateway.amqp;
