package io.wormhole.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.wormhole.gateway.auth.TokenVerifier;
import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;

class CredentialsTest {
    private static final String A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static KeyPair keys;
    private static TokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        verifier = TokenVerifier.of(List.of((RSAPublicKey) keys.getPublic()));
    }

    private static String token(String account, Instant exp) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder().claim("account_id", account).expirationTime(Date.from(exp)).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void expiry_tokenWithinClockSkew_isNotClosedAtOnce() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        Credentials c = new Credentials(verifier, Duration.ofSeconds(30), expired::countDown);
        // accepted by the verifier thanks to its 30 s of skew: must not expire on the spot
        c.authenticate(token(A, Instant.now().minusSeconds(5)));
        assertThat(expired.await(500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(c.authenticate(null).accountId()).isEqualTo(A);
        c.close();
    }

    @Test
    void authenticate_beforeAnyToken_isAuthRequired() {
        Credentials c = new Credentials(verifier, Duration.ZERO, () -> { });
        assertThatThrownBy(() -> c.authenticate(null)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
    }

    @Test
    void authenticate_tokenThenNone_keepsTheIdentity() throws Exception {
        Credentials c = new Credentials(verifier, Duration.ZERO, () -> { });
        String t = token(A, Instant.now().plusSeconds(600));
        assertThat(c.authenticate(t).accountId()).isEqualTo(A);
        assertThat(c.authenticate(null).accountId()).isEqualTo(A);
        assertThat(c.token()).isEqualTo(t);
        c.close();
    }

    @Test
    void authenticate_invalidLaterToken_isRefusedAndPreviousIdentityStays() throws Exception {
        Credentials c = new Credentials(verifier, Duration.ZERO, () -> { });
        c.authenticate(token(A, Instant.now().plusSeconds(600)));
        assertThatThrownBy(() -> c.authenticate("not.a.token")).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID));
        assertThat(c.authenticate(null).accountId()).isEqualTo(A);
        c.close();
    }

    @Test
    void authenticate_differentValidToken_replacesTheIdentity() throws Exception {
        Credentials c = new Credentials(verifier, Duration.ZERO, () -> { });
        c.authenticate(token(A, Instant.now().plusSeconds(600)));
        assertThat(c.authenticate(token(B, Instant.now().plusSeconds(600))).accountId()).isEqualTo(B);
        assertThat(c.authenticate(null).accountId()).isEqualTo(B);
        c.close();
    }

    @Test
    void expiry_tokenRunsOut_callsOnExpiry() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        Credentials c = new Credentials(verifier, Duration.ZERO, expired::countDown);
        c.authenticate(token(A, Instant.now().plusSeconds(1)));
        assertThat(expired.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void expiry_refreshedInTime_doesNotFireForTheOldToken() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        Credentials c = new Credentials(verifier, Duration.ZERO, expired::countDown);
        c.authenticate(token(A, Instant.now().plusSeconds(1)));
        c.authenticate(token(A, Instant.now().plusSeconds(600)));
        // the old token's deadline (exp has whole seconds) passes within this wait
        assertThat(expired.await(2500, TimeUnit.MILLISECONDS)).isFalse();
        c.close();
    }

    @Test
    void close_stopsTheExpiryTimer() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        Credentials c = new Credentials(verifier, Duration.ZERO, expired::countDown);
        c.authenticate(token(A, Instant.now().plusSeconds(1)));
        c.close();
        assertThat(expired.await(2500, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void authenticate_afterTheTokenExpired_isRefusedAndCountedAsExpired() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        TokenVerifier counting = verifier.withClockSkew(Duration.ZERO).countingRejectionsIn(registry);
        Credentials c = new Credentials(counting, Duration.ZERO, () -> { });
        // exp has whole seconds: the next whole second plus one
        Instant exp = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String t = token(A, exp);
        c.authenticate(t);
        while (!Instant.now().isAfter(exp.plusMillis(50))) {
            Thread.sleep(50);
        }

        for (String resent : new String[] {null, t}) {
            assertThatThrownBy(() -> c.authenticate(resent)).isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
                assertThat(e.errors()).singleElement().satisfies(text -> assertThat(text)
                        .startsWith("failed to authenticate token").doesNotContain(t));
            });
        }
        assertThat(registry.get("wormhole.auth.rejections").tag("reason", "token_expired").counter().count())
                .as("refusals of the expired token, with and without re-sending it").isEqualTo(2.0);
        c.close();
    }
}
