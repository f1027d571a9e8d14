/**
 * The Hub: which Sessions want an Event, and the one fan-out loop that hands them its frames.
 *
 * <p>Exports {@link io.wormhole.gateway.routing.Hub}, {@link io.wormhole.gateway.routing.Recipient},
 * {@link io.wormhole.gateway.routing.RouteResult} and its settings
 * {@link io.wormhole.gateway.routing.AccountWait}. Inside, one {@code PatternTrie} per
 * exchange indexes the distinct AMQP patterns of every Subscription; a leaf's
 * {@code PatternEntry} holds the recipients per Binding and Account. Matching a RoutingKey
 * walks the trie (cost grows with the matches, not with the number of Sessions), and each
 * distinct frame is encoded once and shared by every recipient (architecture "Match by
 * index", "Encode once").
 *
 * <p>Threading: {@code add} and {@code remove} may be called from any thread and are
 * serialised by one lock; {@code route} takes no lock and is called by the one AMQP delivery
 * thread. Every structure {@code route} reads is published through a volatile field or a
 * {@link java.util.concurrent.ConcurrentHashMap}, so a {@code route} that starts after an
 * {@code add} or {@code remove} returned sees its effect.
 *
 * <p>Events that name no Account ({@link io.wormhole.gateway.routing.AccountWait}): the
 * {@code AccountMemory} learns each call's and conference's Account on the delivery thread;
 * {@code HeldEvents} holds the Events still waiting for theirs, released and delivered on
 * the delivery thread, expired on the timer's thread (which only counts), under one lock of
 * its own taken for queue updates only, never while delivering.
 */
package io.wormhole.gateway.routing;
