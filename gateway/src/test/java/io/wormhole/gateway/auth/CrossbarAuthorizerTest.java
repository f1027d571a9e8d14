package io.wormhole.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.benmanes.caffeine.cache.Ticker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class CrossbarAuthorizerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofSeconds(60);

    private final FakeTicker ticker = new FakeTicker();
    private FakeCrossbar crossbar;
    private CrossbarAuthorizer authorizer;

    @BeforeEach
    void start() {
        crossbar = FakeCrossbar.ofFixture();
        authorizer = new CrossbarAuthorizer(crossbar.url(), TTL, Duration.ofSeconds(5), ticker);
    }

    @AfterEach
    void stop() {
        authorizer.close();
        crossbar.close();
    }

    private static Mono<Boolean> ask(AccountAuthorizer a, String viewer, String account) {
        return a.mayAccess(Fixture.identity(viewer), Fixture.token(viewer), Fixture.id(account));
    }

    private static void expectAnswer(Mono<Boolean> answer, boolean expected) {
        StepVerifier.create(answer).expectNext(expected).expectComplete().verify(WAIT);
    }

    private static void expectUnavailable(Mono<Boolean> answer, String why) {
        StepVerifier.create(answer)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ProtocolException.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(p.errors()).singleElement().asString().contains(why).contains("retry later");
                }))
                .verify(WAIT);
    }

    @Test
    void mayAccess_sendsTheTokenAsXAuthToken() {
        expectAnswer(ask(authorizer, "R", "A"), true);
        assertThat(crossbar.seenTokens()).containsExactly(Fixture.token("R"));
    }

    @Test
    void mayAccess_hundredConcurrentCallsWithOneToken_sendOneRequest() {
        crossbar.delay(Duration.ofMillis(300));
        List<Boolean> answers = Flux.range(0, 100)
                .flatMap(i -> ask(authorizer, "R", "A").subscribeOn(Schedulers.parallel()), 100)
                .collectList()
                .block(WAIT);
        assertThat(answers).hasSize(100).containsOnly(true);
        assertThat(crossbar.requests()).isEqualTo(1);
    }

    @Test
    void mayAccess_oneCallerCancels_theOthersStillGetTheSharedAnswer() {
        crossbar.delay(Duration.ofMillis(300));
        Disposable impatient = ask(authorizer, "R", "A").subscribe();
        impatient.dispose();
        expectAnswer(ask(authorizer, "R", "A"), true);
        assertThat(crossbar.requests()).isEqualTo(1);
    }

    @Test
    void mayAccess_sameAccountOtherToken_asksAgain() {
        expectAnswer(ask(authorizer, "R", "A"), true);
        expectAnswer(ask(authorizer, "S", "A"), true);
        assertThat(crossbar.requests()).isEqualTo(2);
    }

    @Test
    void mayAccess_starAndOwnAccount_shareTheLookupOfTheOwnAccount() {
        expectAnswer(ask(authorizer, "S", "*"), true);
        expectAnswer(ask(authorizer, "S", "S"), true);
        expectAnswer(ask(authorizer, "R", "R"), true);
        expectAnswer(ask(authorizer, "R", "*"), false);
        assertThat(crossbar.requests()).isEqualTo(2);
    }

    @Test
    void mayAccess_refusal_isReusedLikeAnApproval() {
        expectAnswer(ask(authorizer, "A", "B"), false);
        expectAnswer(ask(authorizer, "A", "B"), false);
        assertThat(crossbar.requests()).isEqualTo(1);
    }

    @Test
    void mayAccess_withinTtl_reusesTheAnswer_afterTtl_asksAgain() {
        expectAnswer(ask(authorizer, "R", "A"), true);
        ticker.advance(TTL.minusSeconds(1));
        expectAnswer(ask(authorizer, "R", "A"), true);
        assertThat(crossbar.requests()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(2));
        expectAnswer(ask(authorizer, "R", "A"), true);
        assertThat(crossbar.requests()).isEqualTo(2);
    }

    /**
     * The cache learns that a lookup finished, and so when its answer expires, in a
     * callback that runs after the callers' own callbacks. A caller that asks again from
     * its callback, after the TTL has passed, is handed the finished lookup while the
     * cache still counts it as in flight: the authorizer must judge the answer stale and
     * ask Crossbar again, never serve it.
     */
    @Test
    void mayAccess_askedAgainPastTheTtlBeforeTheCacheNoticedTheAnswer_asksCrossbarAgain() {
        java.util.concurrent.CompletableFuture<Boolean> second = new java.util.concurrent.CompletableFuture<>();
        ask(authorizer, "R", "A").subscribe(first -> {
            crossbar.failWith(403);
            ticker.advance(TTL.plusSeconds(1));
            ask(authorizer, "R", "A").subscribe(second::complete, second::completeExceptionally);
        });

        StepVerifier.create(Mono.fromFuture(second)).expectNext(false).expectComplete().verify(WAIT);
        assertThat(crossbar.requests()).isEqualTo(2);
    }

    @Test
    void mayAccess_ttlExpired_seesAChangeInCrossbar() {
        expectAnswer(ask(authorizer, "R", "A"), true);
        crossbar.failWith(403);
        expectAnswer(ask(authorizer, "R", "A"), true);
        ticker.advance(TTL.plusSeconds(1));
        expectAnswer(ask(authorizer, "R", "A"), false);
    }

    @Test
    void mayAccess_zeroTtl_asksEveryTime() {
        CrossbarAuthorizer uncached = new CrossbarAuthorizer(crossbar.url(), Duration.ZERO, Duration.ofSeconds(5),
                Ticker.systemTicker());
        try {
            expectAnswer(ask(uncached, "R", "A"), true);
            expectAnswer(ask(uncached, "R", "A"), true);
            assertThat(crossbar.requests()).isEqualTo(2);
        } finally {
            uncached.close();
        }
    }

    @ParameterizedTest(name = "HTTP {0} means no")
    @ValueSource(ints = {401, 403})
    void mayAccess_crossbarRefuses_isFalse(int status) {
        crossbar.failWith(status);
        expectAnswer(ask(authorizer, "R", "A"), false);
    }

    @ParameterizedTest(name = "HTTP {0} is unavailable")
    @ValueSource(ints = {500, 502, 503, 404, 302, 204})
    void mayAccess_crossbarAnswersAnythingElse_isUnavailableAndNotKept(int status) {
        crossbar.failWith(status);
        expectUnavailable(ask(authorizer, "R", "A"), "Crossbar answered HTTP " + status);
        crossbar.failWith(null);
        expectAnswer(ask(authorizer, "R", "A"), true);
        assertThat(crossbar.requests()).isEqualTo(2);
    }

    @Test
    void mayAccess_crossbarDown_isUnavailable() {
        CrossbarAuthorizer down = new CrossbarAuthorizer(FakeCrossbar.unreachableUrl(), TTL, Duration.ofSeconds(5),
                ticker);
        try {
            expectUnavailable(ask(down, "R", "A"), "Crossbar could not be reached");
            assertThat(down.cachedKeys()).isEmpty();
        } finally {
            down.close();
        }
    }

    @Test
    void mayAccess_crossbarTooSlow_isUnavailable() {
        CrossbarAuthorizer impatient = new CrossbarAuthorizer(crossbar.url(), TTL, Duration.ofMillis(200), ticker);
        crossbar.delay(Duration.ofSeconds(2));
        try {
            expectUnavailable(ask(impatient, "R", "A"), "did not answer within 200 ms");
        } finally {
            impatient.close();
        }
    }

    @Test
    void close_throughTheCountingWrapper_reachesTheAuthorizer() {
        boolean[] closed = {false};
        AccountAuthorizer inner = new AccountAuthorizer() {
            @Override
            public Mono<Boolean> mayAccess(Identity identity, String token, String accountId) {
                return Mono.just(true);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };

        inner.countingRejectionsIn(new SimpleMeterRegistry()).close();

        assertThat(closed[0]).as("the Crossbar pool behind the metrics wrapper is freed").isTrue();
    }

    @Test
    void mayAccess_unknownToken_isFalse() {
        Mono<Boolean> answer = authorizer.mayAccess(Fixture.identity("R"), "eyJ.forged.token", Fixture.id("A"));
        expectAnswer(answer, false);
    }

    @Test
    void cacheKeys_holdTheTokenDigestNeverTheToken() {
        for (String viewer : List.of("R", "A", "S")) {
            expectAnswer(ask(authorizer, viewer, viewer), true);
        }
        assertThat(authorizer.cachedKeys()).hasSize(3).allSatisfy(k -> {
            assertThat(k.toString()).doesNotContain("secret-token-of");
            assertThat(k.tokenDigest()).isIn(TokenVerifier.digest(Fixture.token("R")),
                    TokenVerifier.digest(Fixture.token("A")), TokenVerifier.digest(Fixture.token("S")));
        });
    }

    @Test
    void logs_neverContainTheToken() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AccountAuthorizer counted = authorizer.countingRejectionsIn(registry);
        List<String> lines;
        try (LogCapture logs = new LogCapture()) {
            expectAnswer(ask(counted, "R", "A"), true);
            expectAnswer(ask(counted, "A", "B"), false);
            expectAnswer(ask(counted, "C", "*"), false);
            crossbar.failWith(500);
            expectUnavailable(ask(counted, "B", "B"), "HTTP 500");
            crossbar.failWith(null);
            CrossbarAuthorizer down = new CrossbarAuthorizer(FakeCrossbar.unreachableUrl(), TTL,
                    Duration.ofSeconds(5), ticker);
            try {
                expectUnavailable(ask(down.countingRejectionsIn(registry), "S", "A"), "could not be reached");
            } finally {
                down.close();
            }
            lines = logs.lines();
        }
        assertThat(lines).isNotEmpty()
                .anySatisfy(l -> assertThat(l).contains("refused token " + TokenVerifier.digest(Fixture.token("A"))))
                .allSatisfy(l -> assertThat(l).doesNotContain("secret-token-of"));
    }
}
