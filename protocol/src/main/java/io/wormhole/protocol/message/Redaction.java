package io.wormhole.protocol.message;

/** How a request's {@code toString} shows its token: whether there is one, never what it is. */
final class Redaction {

    private Redaction() {
    }

    static String of(String token) {
        return token == null ? "null" : "<redacted>";
    }
}
