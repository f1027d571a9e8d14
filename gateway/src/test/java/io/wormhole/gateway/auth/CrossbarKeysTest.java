package io.wormhole.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wormhole.protocol.ProtocolException;
import reactor.core.publisher.Flux;

/** {@code GATEWAY_JWT_KEYS=crossbar}: Kazoo's keys fetched from Crossbar by the token's kid. */
class CrossbarKeysTest {
    private static final String ACCOUNT = "4b31dd1d32ce6d249897c06332375d65";
    private static final String KID = "0123456789abcdef0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeCrossbar crossbar = FakeCrossbar.ofFixture();
    private final FakeTicker ticker = new FakeTicker();
    private final TokenVerifier verifier = TokenVerifier.fromCrossbar(
            new CrossbarKeys(crossbar.url(), Duration.ofSeconds(2), ticker));

    @AfterEach
    void stop() {
        crossbar.close();
    }

    private Identity prepareAndVerify(String token) {
        verifier.prepare(token).block(WAIT);
        return verifier.verify(token);
    }

    @Test
    void verify_kidServedAsPkcs1Pem_isAccepted_askedAsPemWithTheToken() {
        crossbar.serveKey(KID, KazooTestKey.publicPkcs1Pem());
        String token = KazooTestKey.token(KID, ACCOUNT);

        assertThat(prepareAndVerify(token).accountId()).isEqualTo(ACCOUNT);
        assertThat(crossbar.keyAccepts()).containsExactly("application/x-pem-file");
    }

    @Test
    void verify_knownKid_asksCrossbarOnce() {
        crossbar.serveKey(KID, KazooTestKey.publicPkcs1Pem());

        for (int i = 0; i < 5; i++) {
            prepareAndVerify(KazooTestKey.token(KID, ACCOUNT));
        }

        assertThat(crossbar.keyRequests()).isEqualTo(1);
    }

    @Test
    void prepare_manyTokensOfOneNewKidAtOnce_shareOneRequest() {
        crossbar.serveKey(KID, KazooTestKey.publicPkcs1Pem());
        crossbar.delay(Duration.ofMillis(200));

        Flux.range(0, 20).flatMap(i -> verifier.prepare(KazooTestKey.token(KID, ACCOUNT))).then().block(WAIT);

        assertThat(crossbar.keyRequests()).isEqualTo(1);
    }

    @Test
    void unknownKid_isRefused_andAskedAgainOnlyAfter30Seconds() {
        String token = KazooTestKey.token(KID, ACCOUNT);
        assertThatThrownBy(() -> prepareAndVerify(token)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("no matching key");
        crossbar.serveKey(KID, KazooTestKey.publicPkcs1Pem());

        ticker.advance(Duration.ofSeconds(CrossbarKeys.RETRY_SECONDS - 1));
        assertThatThrownBy(() -> prepareAndVerify(token)).isInstanceOf(ProtocolException.class);
        assertThat(crossbar.keyRequests()).as("the miss is remembered").isEqualTo(1);

        ticker.advance(Duration.ofSeconds(2));
        assertThat(prepareAndVerify(token).accountId()).isEqualTo(ACCOUNT);
        assertThat(crossbar.keyRequests()).isEqualTo(2);
    }

    @Test
    void floodOfForgedKids_asksCrossbarAtMostTheWindowsBound() {
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            forged.add(KazooTestKey.token(String.format("%032x", i), ACCOUNT));
        }

        Flux.fromIterable(forged).flatMap(verifier::prepare).then().block(WAIT);

        assertThat(crossbar.keyRequests()).isEqualTo(CrossbarKeys.NEW_KIDS_PER_WINDOW);
    }

    @Test
    void kidNotShapedLikeAKazooKeyId_isNeverAskedFor() {
        for (String kid : List.of("../../v2/accounts/x", "a b", "x".repeat(129), "")) {
            verifier.prepare(KazooTestKey.token(kid, ACCOUNT)).block(WAIT);
        }

        assertThat(crossbar.keyRequests()).isZero();
    }

    @Test
    void tokenCrossbarRefuses_leavesNoMiss_soTheNextTokenOfThatKidIsServed() {
        crossbar.serveKey(KID, KazooTestKey.publicPkcs1Pem());
        String forged = KazooTestKey.token(KID, "ffffffffffffffffffffffffffffffff");
        crossbar.refuseKeyTokens(forged::equals);

        verifier.prepare(forged).block(WAIT);
        assertThat(prepareAndVerify(KazooTestKey.token(KID, ACCOUNT)).accountId()).isEqualTo(ACCOUNT);
        assertThat(crossbar.keyRequests()).isEqualTo(2);
    }

    @Test
    void crossbarStalls_prepareCompletesWithinTheTimeout_andTheTokenIsRefused() {
        crossbar.serveKey(KID, KazooTestKey.publicPkcs1Pem());
        crossbar.delay(Duration.ofSeconds(30));
        String token = KazooTestKey.token(KID, ACCOUNT);

        verifier.prepare(token).block(Duration.ofSeconds(5));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void crossbarUnreachable_prepareCompletes_andTheTokenIsRefused() {
        TokenVerifier unreachable = TokenVerifier.fromCrossbar(
                new CrossbarKeys(FakeCrossbar.unreachableUrl(), Duration.ofSeconds(2), ticker));
        String token = KazooTestKey.token(KID, ACCOUNT);

        unreachable.prepare(token).block(WAIT);

        assertThatThrownBy(() -> unreachable.verify(token)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void crossbarAnswers500_isAMissRememberedFor30Seconds() {
        crossbar.serveKey(KID, KazooTestKey.publicPkcs1Pem());
        crossbar.failWith(500);
        String token = KazooTestKey.token(KID, ACCOUNT);

        verifier.prepare(token).block(WAIT);
        crossbar.failWith(null);
        verifier.prepare(token).block(WAIT);

        assertThat(crossbar.keyRequests()).isEqualTo(1);
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void parse_crossbarJsonEnvelope_readsPublicKeyPem() {
        String pem = KazooTestKey.publicPkcs1Pem();
        String json = "{\"data\":{\"public_key_pem\":\"" + pem.replace("\n", "\\n") + "\"},\"status\":\"success\"}";

        assertThat(CrossbarKeys.parse(KID, json).getKeyID()).isEqualTo(KID);
        assertThat(CrossbarKeys.parse(KID, json).getModulus()).isEqualTo(CrossbarKeys.parse(KID, pem).getModulus());
    }

    @Test
    void prepare_withoutCrossbarKeys_completesAtOnce() {
        assertThat(TokenVerifier.trustingNothing().prepare(KazooTestKey.token(KID, ACCOUNT)).block(Duration.ZERO))
                .isNull();
        assertThat(verifier.prepare(null).block(Duration.ZERO)).isNull();
        assertThat(crossbar.keyRequests()).isZero();
    }
}
