/**
 * The broker side of a node: one AMQP connection shared by the consumer and the
 * topology operations, one server-named exclusive auto-delete queue, bindings
 * reference-counted per (exchange, pattern), recovery after connection loss.
 * Reactor RabbitMQ and amqp-client types stay inside this package.
 *
 * <p>Threads: deliveries are emitted on amqp-client's consumer thread (serialised per
 * channel); blocking topology RPCs (declare, bind, unbind) run on one dedicated
 * single-thread scheduler, never on an event loop or the consumer thread.
 */
package io.wormhole.gateway.amqp;
