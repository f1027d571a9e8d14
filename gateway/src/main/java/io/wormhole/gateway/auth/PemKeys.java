package io.wormhole.gateway.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RSA public keys of a PEM text, in both forms Kazoo's keys come in:
 * {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo, what {@code openssl rsa -pubout} writes)
 * and {@code RSA PUBLIC KEY} (PKCS#1 RSAPublicKey, what Kazoo's {@code kz_auth_keys:to_pem}
 * writes and Crossbar's {@code GET /v2/auth/keys/{KEY_ID}} serves). Other blocks are
 * skipped. Stateless.
 */
final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN (RSA PUBLIC KEY|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private PemKeys() {
    }

    /**
     * Every RSA public key of the text, in order; empty when it has none.
     *
     * @throws IllegalArgumentException when a block is not a readable RSA public key
     */
    static List<RSAPublicKey> read(String text) {
        List<RSAPublicKey> keys = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            boolean pkcs1 = m.group(1).startsWith("RSA");
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                KeySpec spec = pkcs1 ? pkcs1(der) : new X509EncodedKeySpec(der);
                PublicKey key = KeyFactory.getInstance("RSA").generatePublic(spec);
                keys.add((RSAPublicKey) key);
            } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
                throw new IllegalArgumentException("a " + m.group(1) + " block is not an RSA public key", e);
            }
        }
        return keys;
    }

    /** PKCS#1: {@code RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }} (DER). */
    private static RSAPublicKeySpec pkcs1(byte[] der) {
        Der in = new Der(der);
        in.expect(SEQUENCE);
        int end = in.length() + in.at;
        if (end != der.length) {
            throw new IllegalArgumentException("trailing or missing bytes after the RSAPublicKey");
        }
        BigInteger modulus = in.integer();
        BigInteger exponent = in.integer();
        if (in.at != end) {
            throw new IllegalArgumentException("RSAPublicKey has more than two fields");
        }
        return new RSAPublicKeySpec(modulus, exponent);
    }

    /** A cursor over DER bytes reading just what PKCS#1's public key needs. */
    private static final class Der {
        private final byte[] bytes;
        private int at;

        Der(byte[] bytes) {
            this.bytes = bytes;
        }

        void expect(int tag) {
            if (next() != tag) {
                throw new IllegalArgumentException("unexpected DER tag at byte " + (at - 1));
            }
        }

        int length() {
            int first = next();
            if (first < 0x80) {
                return first;
            }
            int count = first & 0x7f;
            if (count == 0 || count > 3) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            int length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | next();
            }
            return length;
        }

        BigInteger integer() {
            expect(INTEGER);
            int length = length();
            if (length == 0 || at + length > bytes.length) {
                throw new IllegalArgumentException("truncated DER integer");
            }
            BigInteger value = new BigInteger(1, Arrays.copyOfRange(bytes, at, at + length));
            at += length;
            return value;
        }

        private int next() {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            return bytes[at++] & 0xff;
        }
    }
}
