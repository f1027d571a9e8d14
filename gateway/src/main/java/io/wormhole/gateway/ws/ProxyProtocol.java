package io.wormhole.gateway.ws;

import java.util.Locale;

/**
 * Whether a connection starts with an HAProxy PROXY protocol header (v1 text or v2
 * binary), {@code GATEWAY_PROXY_PROTOCOL}. The header's addresses are believed only from
 * a peer in {@code GATEWAY_TRUSTED_PROXIES}; from any other peer it is read and ignored.
 */
public enum ProxyProtocol {
    /** No header is expected; bytes that look like one reach the HTTP decoder (400). */
    OFF,
    /** Every connection must start with a valid header; one without is closed. */
    ON,
    /** A header is read when the first bytes are one; otherwise the connection is plain HTTP. */
    AUTO;

    /** {@code off}, {@code on} or {@code auto}, in any case. */
    public static ProxyProtocol parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "off":
                return OFF;
            case "on":
                return ON;
            case "auto":
                return AUTO;
            default:
                throw new IllegalArgumentException("unknown mode");
        }
    }
}
