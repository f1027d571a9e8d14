package io.wormhole.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Refusals are all counted but logged at a bounded rate, so that clients sending bad
 * tokens cannot flood the log; the next line after a quiet spell says how many were
 * left out.
 */
class RejectionLogTest {
    private static final int FLOOD = 1_000;

    @Test
    void floodOfRefusedTokens_isCountedInFull_andLoggedAFewTimesOnly() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Rejections rejections = Rejections.in(registry);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < FLOOD; i++) {
                rejections.token(Rejections.Reason.TOKEN_INVALID, "digest-" + i, "bad signature");
            }

            assertThat(rejections.count(Rejections.Reason.TOKEN_INVALID)).isEqualTo(FLOOD);
            assertThat(refusalLines(log)).hasSizeLessThanOrEqualTo(Rejections.LINES_PER_WINDOW);
        }
    }

    @Test
    void afterTheWindow_theNextLineSaysHowManyWereLeftOut() {
        long[] now = {0};
        Rejections rejections = Rejections.in(new SimpleMeterRegistry(), () -> now[0]);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < FLOOD; i++) {
                rejections.token(Rejections.Reason.TOKEN_INVALID, "digest-" + i, "bad signature");
            }
            now[0] += Rejections.WINDOW.toNanos();

            rejections.token(Rejections.Reason.TOKEN_EXPIRED, "digest-late", "expired");

            assertThat(refusalLines(log)).last().asString().contains("digest-late")
                    .contains((FLOOD - Rejections.LINES_PER_WINDOW) + " more refusals not logged");
        }
    }

    private static List<String> refusalLines(LogCapture log) {
        return log.lines().stream().filter(l -> l.contains(Rejections.class.getName())).toList();
    }
}
