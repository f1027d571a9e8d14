package io.wormhole.gateway.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A fixed test key pair made by openssl, outside the code under test: its public half as
 * PKCS#1 PEM ({@code -----BEGIN RSA PUBLIC KEY-----}, the form Kazoo's Crossbar serves),
 * its private half to sign Kazoo-style tokens with.
 */
final class KazooTestKey {
    private KazooTestKey() {
    }

    /** The public key as {@code openssl rsa -RSAPublicKey_out} wrote it. */
    static String publicPkcs1Pem() {
        return resource("kazoo-test-public-pkcs1.pem");
    }

    /** A token for the account, valid for ten minutes, naming {@code kid} (null: none). */
    static String token(String kid, String accountId) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().claim("account_id", accountId)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        try {
            jwt.sign(new RSASSASigner(privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAPrivateKey privateKey() {
        String pem = resource("kazoo-test-private.pem")
                .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.trim())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = KazooTestKey.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
