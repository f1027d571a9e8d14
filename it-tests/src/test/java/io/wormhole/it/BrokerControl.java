package io.wormhole.it;

import java.util.List;

/**
 * Stops and starts the integration tests' broker, and shows what it holds. Each call
 * is bounded: it returns once the broker has done it, or throws after its time limit.
 * Called from test threads only.
 */
public interface BrokerControl {

    /** Takes the broker away: every connection to it drops and new ones are refused. */
    void stop();

    /** Brings the broker back; returns once it accepts connections again. Idempotent. */
    void start();

    /** The broker's bindings whose destination is this queue (the default exchange's left out). */
    List<BrokerBinding> bindingsOf(String queue);

    /**
     * Sets a numeric setting of the RabbitMQ application (such as {@code consumer_timeout}:
     * how long a delivery may stay unacknowledged before the broker closes the consumer's
     * channel), for channels opened from now on; null removes it. Returns the previous
     * value, null when it was not set.
     */
    Long setting(String key, Long value);

    /** Deletes the queue, as an operator (or a policy) may do under a running consumer. */
    void deleteQueue(String queue);

    /** One binding as the broker lists it. */
    record BrokerBinding(String exchange, String queue, String routingKey) {
    }
}
