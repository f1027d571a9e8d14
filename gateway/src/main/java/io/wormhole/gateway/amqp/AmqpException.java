package io.wormhole.gateway.amqp;

/** A broker operation that failed: names the operation and the broker's answer. */
public final class AmqpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AmqpException(String message, Throwable cause) {
        super(message, cause);
    }
}
