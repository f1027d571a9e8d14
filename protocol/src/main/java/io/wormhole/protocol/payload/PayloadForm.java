package io.wormhole.protocol.payload;

import java.util.Locale;

/** The form of an event's {@code data} on the wire (protocol §5); a gateway-wide setting. */
public enum PayloadForm {
    /** Kazoo's internal headers removed, keys lower-case with {@code _}, null-valued keys dropped. */
    KAZOO,
    /** The payload exactly as published. */
    RAW;

    /**
     * {@code kazoo} or {@code raw}, case-insensitive, surrounding blanks ignored.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static PayloadForm parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "kazoo" -> KAZOO;
            case "raw" -> RAW;
            default -> throw new IllegalArgumentException("unknown payload form '" + text + "'; use kazoo or raw");
        };
    }
}
