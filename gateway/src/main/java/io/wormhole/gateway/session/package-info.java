/**
 * One Session per WebSocket: its subscriptions, its request handling and its bounded
 * {@link io.wormhole.gateway.session.Outbox} of frames to write (protocol §7).
 *
 * <p>Threads: the Hub hands event frames to a session on the AMQP delivery thread, and
 * that thread must never wait for a socket, so {@code Outbox.offer*} never blocks and
 * never calls into the network; requests, replies and writes happen on the socket's
 * event loop. The two sides meet only inside the Outbox, whose state is guarded by one
 * short lock that is never held while a frame is handed to the writer.
 */
package io.wormhole.gateway.session;
