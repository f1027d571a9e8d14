package io.wormhole.gateway.amqp;

/** Where the node stands with its broker; {@code /readyz} is 200 only in {@link #READY}. */
public enum BrokerState {
    /** Never connected yet since start. */
    STARTING,
    /** Connected, the queue consumed and every current binding in place. */
    READY,
    /** The connection was lost; recovery is retrying. Sessions stay open. */
    RECOVERING,
    /** Closed for good (shutdown). */
    CLOSED
}
