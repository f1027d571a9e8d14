package io.wormhole.protocol.message;

/**
 * Something the gateway tells a client unasked (protocol §7), wire
 * {@code {"action":"notice","type":...,"data":{...}}}. Immutable and thread-safe.
 */
public sealed interface Notice extends ServerMessage permits Dropped, BrokerDown, BrokerUp {
}
