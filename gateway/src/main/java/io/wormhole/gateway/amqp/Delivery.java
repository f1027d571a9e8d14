package io.wormhole.gateway.amqp;

/**
 * One message the broker delivered to this node: the exchange it was published to,
 * its routing key and its body as published. The body array is owned by the receiver
 * of the delivery and must not be modified.
 */
public record Delivery(String exchange, String routingKey, byte[] body) {
}
