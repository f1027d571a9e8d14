/**
 * The embedded broker for zero setup: when no broker is configured, the node starts an
 * AMQP 0-9-1 broker (Apache Qpid Broker-J, in-memory, 127.0.0.1 only) in its own JVM
 * and connects to it through {@code io.wormhole.gateway.amqp} exactly as to RabbitMQ;
 * only the address differs. Qpid types stay inside this package.
 *
 * <p>The routing difference from RabbitMQ: Broker-J drops a trailing empty routing-key
 * word ({@code a.b.} is routed as {@code a.b}, not to {@code a.b.*}), where RabbitMQ
 * keeps it; empty words elsewhere in the key are kept by both. Broker-J's own
 * JVM shutdown hook is removed: the node stops the broker in its own {@code close()},
 * after the AMQP side, so a SIGTERM drain keeps the broker until the sessions are gone.
 *
 * <p>Threads: {@link io.wormhole.gateway.broker.EmbeddedBroker#start()} blocks the
 * composing thread until the port listens; the broker then runs on its own threads
 * (I/O selectors, housekeeping, configuration task executor), none of them shared
 * with the node. {@code close()} blocks until the broker has stopped.
 */
package io.wormhole.gateway.broker;
