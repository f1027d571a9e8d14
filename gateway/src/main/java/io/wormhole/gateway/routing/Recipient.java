package io.wormhole.gateway.routing;

/**
 * Something the {@link Hub} hands event frames to: in the gateway, a Session.
 *
 * <p>Called on the AMQP delivery thread, once per frame, for every Session of the node in
 * turn: an implementation must never block and must not throw. Recipients are compared by
 * identity.
 */
public interface Recipient {

    /**
     * Takes one complete encoded event frame (UTF-8 JSON text, protocol §5). The array is
     * shared with every other recipient of the same frame: read it, never modify it.
     */
    void deliver(byte[] frame);
}
