package io.wormhole.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.wormhole.gateway.auth.TokenVerifier;

/**
 * Plays Kazoo's Crossbar for one test class: an RSA key pair of its own, the public
 * half written as a PEM file for {@code GATEWAY_JWT_KEYS}, and RS256 tokens carrying
 * {@code account_id} and {@code exp}. Thread-safe.
 */
public final class TokenIssuer {
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final KeyPair keys = generate();
    private final Path publicKeyFile;

    public TokenIssuer() {
        try {
            publicKeyFile = Files.createTempFile("wormhole-it-", ".pem");
            publicKeyFile.toFile().deleteOnExit();
            Files.writeString(publicKeyFile, pem(keys), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PEM file holding the public key, for {@code GATEWAY_JWT_KEYS}. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A valid token for this account, expiring in an hour. */
    public String token(String accountId) {
        return signed(accountId, Instant.now().plus(LIFETIME));
    }

    /**
     * A valid token for this account expiring at this instant (JWT {@code exp} has whole
     * seconds: pass an instant without a fraction to know the expiry exactly).
     */
    public String token(String accountId, Instant expiry) {
        return signed(accountId, expiry);
    }

    /**
     * A valid token as Kazoo issues it: its header names this issuer's key id
     * ({@link #keyId}), by which the gateway asks Crossbar for the key.
     */
    public String kazooToken(String accountId) {
        return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId()).build(), accountId,
                Instant.now().plus(LIFETIME));
    }

    /** The id of this issuer's key, a Kazoo-style 32-hex document id. */
    public String keyId() {
        return TokenVerifier.digest(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    }

    /**
     * The public key as Kazoo's Crossbar serves it: PKCS#1 ({@code RSA PUBLIC KEY}), the
     * X.509 form without its 24-byte SubjectPublicKeyInfo head (a 2048-bit RSA key).
     */
    public String publicKeyPkcs1Pem() {
        byte[] spki = keys.getPublic().getEncoded();
        if (spki[19] != 0x03 || spki[23] != 0x00) {
            throw new IllegalStateException("not the SubjectPublicKeyInfo of a 2048-bit RSA key");
        }
        byte[] pkcs1 = Arrays.copyOfRange(spki, 24, spki.length);
        return "-----BEGIN RSA PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1)
                + "\n-----END RSA PUBLIC KEY-----\n";
    }

    /** A token for this account that expired a while ago (beyond any clock skew). */
    public String expiredToken(String accountId) {
        return signed(accountId, Instant.now().minus(Duration.ofMinutes(10)));
    }

    /** A well-formed token signed by a key the gateway does not know. */
    public static String strangersToken(String accountId) {
        return new TokenIssuer().token(accountId);
    }

    /** An unsigned ({@code alg: none}) token. */
    public static String unsignedToken(String accountId) {
        return new PlainJWT(claims(accountId, Instant.now().plus(LIFETIME))).serialize();
    }

    /** These claims under this header (any RSA algorithm, any {@code kid}), signed with this issuer's key. */
    public String sign(JWSHeader header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return jwt.serialize();
    }

    /** The public key, as a gateway configured with this issuer trusts it. */
    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    private String signed(String accountId, Instant expiry) {
        return sign(new JWSHeader(JWSAlgorithm.RS256), claims(accountId, expiry));
    }

    private String signed(JWSHeader header, String accountId, Instant expiry) {
        return sign(header, claims(accountId, expiry));
    }

    /** The claims of a valid token: {@code account_id}, {@code exp} and {@code iat}. */
    public static JWTClaimsSet claims(String accountId, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .claim("account_id", accountId)
                .expirationTime(Date.from(expiry))
                .issueTime(new Date())
                .build();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JRE", e);
        }
    }

    private static String pem(KeyPair keys) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
