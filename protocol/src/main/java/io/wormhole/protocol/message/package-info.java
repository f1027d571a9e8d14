/**
 * The WebSocket protocol's messages (protocol §2, §3, §5, §7) and their JSON codec.
 *
 * <p>Two sealed families, one per direction: {@link io.wormhole.protocol.message.Request}
 * (client to gateway: {@code subscribe}, {@code unsubscribe}, {@code ping}) and
 * {@link io.wormhole.protocol.message.ServerMessage} (gateway to client: replies, events,
 * notices). Every message is an immutable record validated by its constructor.
 * {@link io.wormhole.protocol.message.MessageCodec} turns text frames into requests and
 * server messages into the exact wire bytes; bad client input only ever surfaces as
 * {@link io.wormhole.protocol.ProtocolException}.
 *
 * <p>Threading: every type here is immutable or stateless and may be used from any
 * thread; one {@code MessageCodec} is meant to be shared by the whole process.
 * {@link io.wormhole.protocol.message.Event} is the one exception to deep immutability:
 * it shares its {@code data} array instead of copying it, so whoever builds one hands
 * the array over and must not modify it afterwards.
 */
package io.wormhole.protocol.message;
