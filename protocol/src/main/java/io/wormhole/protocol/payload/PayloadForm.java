package io.wormhole.protocol.payload;

import java.util.Locale;

/** The form of an event's {@code data} (protocol §5); a gateway-wide setting. */
public enum PayloadForm {
    /** Kazoo's internal headers removed, keys lower-case with {@code _}, nulls dropped. */
    KAZOO,
    /** The payload exactly as published. */
    RAW;

    /** {@code kazoo} or {@code raw}, case-insensitive. */
    public static PayloadForm parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "kazoo":
                return KAZOO;
            case "raw":
                return RAW;
            default:
                throw new IllegalArgumentException("unknown payload form '" + text + "'");
        }
    }
}
