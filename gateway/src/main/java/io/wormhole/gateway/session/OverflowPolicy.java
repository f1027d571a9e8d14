package io.wormhole.gateway.session;

import java.util.Locale;

/**
 * What an {@link Outbox} does with an event frame that does not fit (protocol §7).
 * Immutable; safe to share.
 */
public enum OverflowPolicy {
    /** Evict the oldest queued event frames until the new one fits; count them. The default. */
    DROP_OLDEST("drop_oldest"),
    /** Refuse the new event frame and count it; what is queued stays. */
    DROP_NEWEST("drop_newest"),
    /** Fail the outbox so the session closes with 4008 (slow consumer). */
    CLOSE("close");

    private final String wire;

    OverflowPolicy(String wire) {
        this.wire = wire;
    }

    /** The name used in configuration: {@code drop_oldest}, {@code drop_newest}, {@code close}. */
    public String wire() {
        return wire;
    }

    /**
     * The policy named {@code wire}, ignoring case.
     *
     * @throws IllegalArgumentException when it names no policy
     */
    public static OverflowPolicy parse(String wire) {
        String name = wire.trim().toLowerCase(Locale.ROOT);
        OverflowPolicy[] all = values();
        for (int i = 0; i < all.length; i++) {
            if (all[i].wire.equals(name)) {
                return all[i];
            }
        }
        throw new IllegalArgumentException("unknown overflow policy '" + wire + "'");
    }
}
