package io.wormhole.it;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh ids per test, so that tests sharing a broker never see each other's events. */
public final class Ids {
    private Ids() {
    }

    /** A new account id: 32 lower-case hex characters, as Kazoo's. */
    public static String account() {
        return hex(16);
    }

    /** A new id of the same shape for calls, documents, faxes and conferences. */
    public static String id() {
        return hex(16);
    }

    /** A new SIP-style call id, whose routing-key segment needs encoding. */
    public static String sipCallId() {
        return hex(8) + "@10.26.0.1";
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
