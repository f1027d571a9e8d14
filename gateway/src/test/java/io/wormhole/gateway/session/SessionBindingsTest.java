package io.wormhole.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.Disposable;

/**
 * Architecture property 4 from the session's side: every broker binding reference a
 * subscribe takes is either handed to the session (and given back when the session
 * ends) or given back at once, on every way out of the subscribe: success, error,
 * cancel while the broker has not answered, and the socket closing before the answer.
 */
class SessionBindingsTest {
    private final FakeBrokerBindings bindings = FakeBrokerBindings.manual();
    private final SessionFixture node = new SessionFixture(bindings);
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private Session session;

    @BeforeEach
    void open() {
        session = node.session();
        session.outbox().frames().map(SessionFixture::text).subscribe(replies::add);
    }

    @Test
    void subscribe_brokerAnswers_holdsTheReferenceUntilTheSessionEnds() {
        session.handle(SessionFixture.subscribe(SessionFixture.token(), "call.CHANNEL_CREATE.*")).subscribe();
        bindings.completeNext();

        assertThat(replies).singleElement().asString().contains("\"status\":\"success\"");
        assertThat(bindings.references()).isEqualTo(1);
        session.close();
        assertThat(bindings.references()).isZero();
    }

    @Test
    void subscribe_brokerRefuses_holdsNoReference() {
        session.handle(SessionFixture.subscribe(SessionFixture.token(), "call.CHANNEL_CREATE.*")).subscribe();
        bindings.failNext();

        assertThat(replies).singleElement().asString().contains("\"unavailable\"");
        assertThat(bindings.references()).isZero();
    }

    @Test
    void subscribe_cancelledWhileTheBrokerHasNotAnswered_givesTheReferenceBack() {
        Disposable request = session.handle(SessionFixture.subscribe(SessionFixture.token(),
                "call.CHANNEL_CREATE.*")).subscribe();
        assertThat(bindings.waiting()).isEqualTo(1);

        request.dispose();

        assertThat(bindings.references()).isZero();
        bindings.completeNext(); // the broker's late answer changes nothing
        assertThat(bindings.references()).isZero();
    }

    @Test
    void subscribe_cancelledAfterTheFirstOfTwoBindings_givesBothBack() {
        Disposable request = session.handle(SessionFixture.subscribe(SessionFixture.token(),
                "call.CHANNEL_CREATE.*", "call.CHANNEL_DESTROY.*")).subscribe();
        bindings.completeNext();
        assertThat(bindings.waiting()).isEqualTo(1);

        request.dispose();

        assertThat(bindings.references()).isZero();
    }

    @Test
    void subscribe_socketClosedBeforeTheBrokerAnswers_givesTheReferenceBack() {
        session.handle(SessionFixture.subscribe(SessionFixture.token(), "call.CHANNEL_CREATE.*")).subscribe();
        session.close();

        bindings.completeNext();

        assertThat(bindings.references()).isZero();
        assertThat(session.bindings()).isEmpty();
    }
}
