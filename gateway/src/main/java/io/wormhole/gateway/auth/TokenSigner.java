package io.wormhole.gateway.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * An RSA key pair made in memory at start, whose private half never leaves this object,
 * and the Kazoo-style RS256 tokens it signs ({@code account_id}, {@code iat},
 * {@code exp}). It plays Crossbar for demo mode: a node that trusts {@link #publicKey()}
 * (see {@link TokenVerifier#trustingAlso}) accepts these tokens. Thread-safe; signing is
 * CPU only (about 1 ms).
 */
public final class TokenSigner {
    private static final int KEY_BITS = 2048;

    private final RSAPublicKey publicKey;
    private final RSASSASigner signer;

    private TokenSigner(KeyPair keys) {
        this.publicKey = (RSAPublicKey) keys.getPublic();
        this.signer = new RSASSASigner((RSAPrivateKey) keys.getPrivate());
    }

    /** A signer with this key pair (for a caller that keeps its keys, like the perf probe). */
    public static TokenSigner of(KeyPair keys) {
        return new TokenSigner(keys);
    }

    /** A signer with a fresh key pair (about 100 ms of CPU for the key generation). */
    public static TokenSigner generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(KEY_BITS);
            return new TokenSigner(g.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JRE", e);
        }
    }

    /** The key that verifies this signer's tokens. */
    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** A token for the account, valid from now for {@code lifetime}. */
    public String sign(String accountId, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("account_id", accountId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token with a freshly made RSA key", e);
        }
        return jwt.serialize();
    }
}
