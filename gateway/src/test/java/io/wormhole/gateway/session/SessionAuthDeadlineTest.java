package io.wormhole.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wormhole.protocol.CloseCode;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Protocol §6: a socket that has not presented a valid token within the auth timeout of
 * its upgrade is closed with 1008. A ping without a token, or with a bad one, does not
 * count; a ping or a subscribe with a valid token does. Virtual time.
 */
class SessionAuthDeadlineTest {
    private static final Duration JUST_BEFORE = SessionFixture.AUTH_TIMEOUT.minusMillis(1);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final SessionFixture node = new SessionFixture(FakeBrokerBindings.immediate(), time);
    private final Session session = node.session();

    @AfterEach
    void stop() {
        session.close();
        time.dispose();
    }

    @Test
    void silentSocket_isClosedWith1008AtTheAuthTimeout() {
        time.advanceTimeBy(JUST_BEFORE);
        assertThat(node.closes).isEmpty();

        time.advanceTimeBy(Duration.ofMillis(1));

        assertThat(node.closes).containsExactly(CloseCode.POLICY);
    }

    @Test
    void pingsWithoutAValidToken_doNotCount() {
        session.handle(SessionFixture.ping(null)).block();
        session.handle(SessionFixture.ping("not-a-token")).block();

        time.advanceTimeBy(SessionFixture.AUTH_TIMEOUT);

        assertThat(node.closes).containsExactly(CloseCode.POLICY);
    }

    @Test
    void pingWithAValidToken_keepsTheSocket() {
        time.advanceTimeBy(JUST_BEFORE);
        session.handle(SessionFixture.ping(SessionFixture.token())).block();

        time.advanceTimeBy(SessionFixture.AUTH_TIMEOUT.multipliedBy(10));

        assertThat(node.closes).isEmpty();
    }

    @Test
    void subscribeWithAValidToken_keepsTheSocket() {
        session.handle(SessionFixture.subscribe(SessionFixture.token(), "call.CHANNEL_CREATE.*")).block();

        time.advanceTimeBy(SessionFixture.AUTH_TIMEOUT.multipliedBy(10));

        assertThat(node.closes).isEmpty();
    }

    @Test
    void sessionEndedBeforeTheTimeout_isNotClosedAgain() {
        session.close();

        time.advanceTimeBy(SessionFixture.AUTH_TIMEOUT);

        assertThat(node.closes).isEmpty();
    }
}
