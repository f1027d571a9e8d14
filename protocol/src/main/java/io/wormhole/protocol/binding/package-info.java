/**
 * Binding syntax and AMQP 0-9-1 topic semantics: {@link io.wormhole.protocol.binding.TopicPattern}
 * validates a pattern, {@link io.wormhole.protocol.binding.Topics} splits keys into words and
 * matches a pattern against a routing key the way RabbitMQ does. Pure functions and
 * immutable values; safe from any thread.
 */
package io.wormhole.protocol.binding;
