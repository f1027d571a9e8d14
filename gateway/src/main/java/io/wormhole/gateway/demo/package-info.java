/**
 * Demo mode (zero setup): a generator of realistic Kazoo events for three made-up
 * accounts (call flows, user and device edits, fax progressions, conference joins and
 * leaves) published on the real exchanges with the real routing keys and Kazoo's
 * Title-Case-Hyphen payloads (kazoo-events.md), at a set rate, through the node's
 * broker exactly as a Kazoo cluster would publish them; and a ready token per account,
 * signed by a key pair made at start that the node trusts.
 * {@link io.wormhole.gateway.demo.DemoMode} is the one exported type.
 *
 * <p>Threads: the event script and the AMQP publishing run on one dedicated thread of
 * the publisher (amqp-client's {@code basicPublish} may block under broker flow
 * control), never on an event loop or the consumer thread. Reactor RabbitMQ and
 * amqp-client types stay inside this package and {@code io.wormhole.gateway.amqp}.
 */
package io.wormhole.gateway.demo;
