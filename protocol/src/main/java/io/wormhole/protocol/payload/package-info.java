/**
 * What an event's {@code data} looks like on the wire (protocol §5): the {@code kazoo}
 * form (internal headers removed, keys normalised, nulls dropped) or the {@code raw}
 * payload. {@link io.wormhole.protocol.payload.EventPayload} parses one delivery once and
 * computes each form at most once; it is used by one thread at a time.
 */
package io.wormhole.protocol.payload;
