package io.wormhole.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.wormhole.protocol.ProtocolException;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class JwksUrlTest {
    private static final String ACCOUNT = "4b31dd1d32ce6d249897c06332375d65";
    private final AtomicReference<String> document = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger fetches = new AtomicInteger();
    private DisposableServer server;
    private TokenVerifier verifier;

    @BeforeEach
    void serveJwks() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/jwks.json", (req, res) -> {
                    fetches.incrementAndGet();
                    return res.header("content-type", "application/json").sendString(Mono.just(document.get()));
                }))
                .bindNow();
    }

    @AfterEach
    void stop() {
        if (verifier != null) {
            verifier.close();
        }
        server.disposeNow();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.port() + "/jwks.json");
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String token(KeyPair keys, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().claim("account_id", ACCOUNT)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static String jwks(KeyPair keys, String kid) {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid).build()).toString();
    }

    /** Verifies within a bounded time, as the keys arrive asynchronously. */
    private Identity verifyEventually(String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return verifier.verify(token);
            } catch (ProtocolException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void fromJwksUrl_keysFetchedAsynchronously_verifyTokensOfThatKey() throws Exception {
        KeyPair k1 = keys();
        document.set(jwks(k1, "k1"));
        verifier = TokenVerifier.fromJwksUrl(url(), Duration.ofMinutes(5));
        assertThat(verifyEventually(token(k1, "k1")).accountId()).isEqualTo(ACCOUNT);
        assertThatThrownBy(() -> verifier.verify(token(keys(), "k1")))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void fromJwksUrl_keyRotated_newKeyTrustedAfterRefresh() throws Exception {
        KeyPair k1 = keys();
        KeyPair k2 = keys();
        document.set(jwks(k1, "k1"));
        verifier = TokenVerifier.fromJwksUrl(url(), Duration.ofMillis(200));
        verifyEventually(token(k1, "k1"));
        document.set(jwks(k2, "k2"));
        assertThat(verifyEventually(token(k2, "k2")).accountId()).isEqualTo(ACCOUNT);
        assertThat(fetches.get()).isGreaterThan(1);
    }

    @Test
    void fromJwksUrl_serverFails_keepsThePreviousKeys() throws Exception {
        KeyPair k1 = keys();
        document.set(jwks(k1, "k1"));
        verifier = TokenVerifier.fromJwksUrl(url(), Duration.ofMillis(200));
        String token = token(k1, "k1");
        verifyEventually(token);
        document.set("not json");
        int before = fetches.get();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fetches.get() < before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fetches.get()).isGreaterThanOrEqualTo(before + 2);
        assertThat(verifier.verify(token).accountId()).isEqualTo(ACCOUNT);
    }
}
