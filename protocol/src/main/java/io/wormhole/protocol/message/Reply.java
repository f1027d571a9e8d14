package io.wormhole.protocol.message;

/**
 * The answer to one request (protocol §3), wire {@code "action":"reply"}: a success
 * ({@link Subscribed}, {@link Unsubscribed}, {@link Pong}, {@link Acknowledged}) or a
 * {@link Failure}.
 * Immutable and thread-safe.
 */
public sealed interface Reply extends ServerMessage permits Subscribed, Unsubscribed, Pong, Acknowledged, Failure {

    /** The id of the request this answers, never {@code null}. */
    String requestId();
}
