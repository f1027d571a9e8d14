package io.wormhole.protocol.message;

/**
 * Notice that the node lost its broker: no events arrive until {@link BrokerUp}.
 * Wire type {@code broker_down}, empty data. Immutable and thread-safe.
 */
public record BrokerDown() implements Notice {
}
