package io.wormhole.protocol.message;

/**
 * A message the gateway sends to a client (protocol §3, §5, §7): a {@link Reply} to a
 * request, an {@link Event}, or a {@link Notice}. Immutable; encoded by
 * {@link MessageCodec#encode(ServerMessage)}.
 */
public sealed interface ServerMessage permits Reply, Event, Notice {
}
