package io.wormhole.protocol.message;

/**
 * Notice that the session's outbox overflowed and {@code count} events were lost
 * (protocol §7), sent as soon as there is room again. Immutable and thread-safe.
 *
 * @param count events dropped since the last such notice, at least 1
 */
public record Dropped(long count) implements Notice {

    public Dropped {
        if (count < 1) {
            throw new IllegalArgumentException("a dropped notice counts at least one event, got " + count);
        }
    }
}
