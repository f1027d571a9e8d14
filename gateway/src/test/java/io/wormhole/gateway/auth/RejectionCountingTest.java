package io.wormhole.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RejectionCountingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static KeyPair trusted;
    private static KeyPair forger;

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        trusted = g.generateKeyPair();
        forger = g.generateKeyPair();
    }

    private static String sign(KeyPair keys, Instant exp) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("account_id", Fixture.id("A"))
                .expirationTime(Date.from(exp)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static double count(MeterRegistry registry, String reason) {
        return registry.get(Rejections.METRIC).tag("reason", reason).counter().count();
    }

    private static TokenVerifier verifier(MeterRegistry registry) {
        return TokenVerifier.of(List.of((RSAPublicKey) trusted.getPublic())).countingRejectionsIn(registry);
    }

    @Test
    void verify_expiredToken_countsTokenExpired() throws JOSEException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String expired = sign(trusted, Instant.now().minusSeconds(3600));
        assertThatThrownBy(() -> verifier(registry).verify(expired)).isInstanceOf(ProtocolException.class);
        assertThat(count(registry, "token_expired")).isEqualTo(1);
        assertThat(count(registry, "token_invalid")).isZero();
    }

    @Test
    void verify_forgedOrMalformedToken_countsTokenInvalid() throws JOSEException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TokenVerifier v = verifier(registry);
        String forged = sign(forger, Instant.now().plusSeconds(3600));
        assertThatThrownBy(() -> v.verify(forged)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> v.verify("not-a-jwt")).isInstanceOf(ProtocolException.class);
        assertThat(count(registry, "token_invalid")).isEqualTo(2);
    }

    @Test
    void verify_goodToken_countsNothing() throws JOSEException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        verifier(registry).verify(sign(trusted, Instant.now().plusSeconds(3600)));
        assertThat(registry.get(Rejections.METRIC).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void verify_refusedToken_isLoggedByDigestOnly() throws JOSEException {
        String forged = sign(forger, Instant.now().plusSeconds(3600));
        List<String> lines;
        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> verifier(new SimpleMeterRegistry()).verify(forged));
            lines = logs.lines();
        }
        assertThat(lines).singleElement().asString()
                .contains("refused token " + TokenVerifier.digest(forged) + ": bad signature")
                .doesNotContain(forged);
    }

    @Test
    void mayAccess_refusedAccount_countsForbiddenOncePerRefusal() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AccountAuthorizer counted = AccountAuthorizer.ownAccountOnly().countingRejectionsIn(registry);
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(counted.mayAccess(Fixture.identity("A"), Fixture.token("A"), Fixture.id("B")))
                    .expectNext(false).expectComplete().verify(WAIT);
        }
        StepVerifier.create(counted.mayAccess(Fixture.identity("A"), Fixture.token("A"), Fixture.id("A")))
                .expectNext(true).expectComplete().verify(WAIT);
        assertThat(count(registry, "forbidden")).isEqualTo(3);
    }

    @Test
    void mayAccess_noAnswer_countsUnavailableAndPassesTheErrorOn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProtocolException down = new ProtocolException(ErrorCode.UNAVAILABLE, "authorisation is unavailable");
        AccountAuthorizer failing = (identity, token, account) -> Mono.error(down);
        StepVerifier.create(failing.countingRejectionsIn(registry)
                        .mayAccess(Fixture.identity("A"), Fixture.token("A"), Fixture.id("A")))
                .expectErrorMatches(e -> e == down)
                .verify(WAIT);
        assertThat(count(registry, "unavailable")).isEqualTo(1);
        assertThat(count(registry, "forbidden")).isZero();
    }

    @Test
    void metric_isExportedToPrometheusWithEveryReasonFromTheStart() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AccountAuthorizer counted = AccountAuthorizer.ownAccountOnly().countingRejectionsIn(registry);
        verifier(registry);
        assertThat(registry.scrape()).contains(
                "wormhole_auth_rejections_total{reason=\"token_invalid\"} 0.0",
                "wormhole_auth_rejections_total{reason=\"token_expired\"} 0.0",
                "wormhole_auth_rejections_total{reason=\"forbidden\"} 0.0",
                "wormhole_auth_rejections_total{reason=\"unavailable\"} 0.0");
        counted.mayAccess(Fixture.identity("A"), Fixture.token("A"), "*").block(WAIT);
        assertThat(registry.scrape()).contains("wormhole_auth_rejections_total{reason=\"forbidden\"} 1.0");
    }
}
