package io.wormhole.protocol.message;

/**
 * Notice that the node reached its broker again and every binding is back in place.
 * Wire type {@code broker_up}, empty data. Immutable and thread-safe.
 */
public record BrokerUp() implements Notice {
}
