/**
 * What an event's {@code data} looks like on the wire (protocol §5): the {@code kazoo}
 * form (internal headers removed, keys normalised, null-valued keys dropped) or the
 * {@code raw} payload. {@link io.wormhole.protocol.payload.EventPayload} parses one
 * delivery once and computes each form at most once, so that every frame of an event
 * shares one {@code data} array (encode once).
 *
 * <p>Threading: {@code EventPayload} is confined to the thread routing its delivery;
 * {@code KazooForm} and {@code PayloadForm} are stateless and safe from any thread.
 */
package io.wormhole.protocol.payload;
