package io.wormhole.protocol.message;

/**
 * A request a client sent in one text frame (protocol §2). Immutable; produced by
 * {@link MessageCodec#decode(String)} and safe to hand between threads.
 */
public sealed interface Request permits Subscribe, Unsubscribe, Ping, Noop {

    /** The id echoed in the reply; never {@code null}: the codec makes one (32 hex chars) when absent. */
    String requestId();

    /** The JWT the request carried, or {@code null} when it carried none. */
    String authToken();
}
