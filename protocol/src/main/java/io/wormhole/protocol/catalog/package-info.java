/**
 * The event catalogue (protocol §4, kazoo-events.md): which event families exist,
 * which exchange each comes from, which client binding shapes each accepts, how a
 * binding maps to an AMQP binding, and where an event's account is found. Loaded from
 * JSON (the built-in Kazoo catalogue, optionally extended by an operator's file);
 * immutable once loaded and safe from any thread.
 */
package io.wormhole.protocol.catalog;
