/**
 * The event catalogue (protocol §4, kazoo-events.md): which event families exist, which
 * exchange each comes from, which client binding shapes each accepts, how a binding
 * maps to an AMQP binding, and where an event's account is found. Loaded from JSON (the
 * built-in Kazoo catalogue, optionally extended or replaced by an operator's file; the
 * format is described on {@link io.wormhole.protocol.catalog.Catalog}).
 *
 * <p>Threading: every type here is immutable once loaded and safe from any thread.
 * {@code Catalog.resolve} runs on the subscribe path; {@code AccountLocator.locate} runs
 * once per event and only reads.
 */
package io.wormhole.protocol.catalog;
