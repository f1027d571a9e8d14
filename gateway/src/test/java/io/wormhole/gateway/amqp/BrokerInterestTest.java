package io.wormhole.gateway.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wormhole.gateway.amqp.FakeConnection.Call;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * BrokerInterest over a real {@link Topology} and a {@link FakeConnection} that can hold a
 * pattern's RPCs: the order of bind and unbind of one pattern, as the broker sees it, when
 * a subscribe and the end of a grace period cross. Every wait is bounded.
 */
@Timeout(30)
class BrokerInterestTest {
    private static final String EXCHANGE = "callevt";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeConnection broker = new FakeConnection();
    private final AtomicInteger outages = new AtomicInteger();
    private final Scheduler topologyThread = Schedulers.newSingle("test-topology");
    private final Topology topology = new Topology(broker.connection, topologyThread, new AtomicReference<>("q-1"));

    @AfterEach
    void disposeScheduler() {
        topologyThread.dispose();
    }

    @Test
    void acquire_whileTheLastReleasesUnbindIsInFlight_bindsAgainAfterIt() throws Exception {
        BrokerInterest interest = connected(Duration.ZERO);
        interest.acquire(EXCHANGE, "p").block(WAIT);
        broker.hold("p");
        interest.release(EXCHANGE, "p"); // grace 0: the unbind starts at once and is held
        broker.awaitCalls(2, 5_000);

        CompletableFuture<Void> again = interest.acquire(EXCHANGE, "p").toFuture();
        Thread.sleep(200);
        assertThat(again).as("the new bind waits behind the unbind").isNotDone();

        broker.open("p");
        again.get(5, TimeUnit.SECONDS);
        assertThat(broker.calls()).extracting(Call::op).containsExactly("queueBind", "queueUnbind", "queueBind");
        assertThat(interest.size()).isEqualTo(1);
    }

    @Test
    void release_whileTheFirstBindIsInFlight_unbindsOnceItIsMade() throws Exception {
        BrokerInterest interest = connected(Duration.ZERO);
        broker.hold("p");
        CompletableFuture<Void> bind = interest.acquire(EXCHANGE, "p").toFuture();
        broker.awaitCalls(1, 5_000);

        interest.release(EXCHANGE, "p"); // the last user leaves before the broker answered
        broker.open("p");
        bind.get(5, TimeUnit.SECONDS);

        List<Call> calls = broker.awaitCalls(2, 5_000);
        assertThat(calls).extracting(Call::op)
                .as("a binding nobody holds any more must not stay on the broker")
                .containsExactly("queueBind", "queueUnbind");
        assertThat(interest.size()).isZero();
    }

    @Test
    void release_afterTheBindWasMade_unbindsOnce() throws Exception {
        BrokerInterest interest = connected(Duration.ZERO);
        interest.acquire(EXCHANGE, "p").block(WAIT);
        interest.release(EXCHANGE, "p");

        assertThat(broker.awaitCalls(2, 5_000)).extracting(Call::op).containsExactly("queueBind", "queueUnbind");
        Thread.sleep(200);
        assertThat(broker.calls()).hasSize(2);
    }

    @Test
    void acquire_whenTheBindFindsTheConnectionClosed_isRecordedAndBoundByTheNextReconcile() throws Exception {
        BrokerInterest interest = connected(Duration.ZERO);
        broker.loseConnection();

        interest.acquire(EXCHANGE, "p").block(WAIT); // no error: protocol §3, recorded while away

        assertThat(outages).as("the node is told it lost the broker").hasValue(1);
        assertThat(interest.size()).isEqualTo(1);
        assertThat(broker.calls()).isEmpty();
        interest.acquire(EXCHANGE, "q").block(WAIT);
        assertThat(outages).as("told once; later acquires are recorded without a bind").hasValue(1);

        broker.regainConnection();
        interest.reconcile().block(WAIT);
        assertThat(broker.calls()).extracting(Call::pattern).containsExactlyInAnyOrder("p", "q");
    }

    @Test
    void acquire_refusedByALiveBroker_failsAndHoldsNothing() {
        BrokerInterest interest = connected(Duration.ZERO);
        broker.refuse("p");

        assertThatThrownBy(() -> interest.acquire(EXCHANGE, "p").block(WAIT)).hasMessageContaining("refused");

        assertThat(outages).as("a refusal is not an outage").hasValue(0);
        assertThat(interest.size()).as("the entry lingers only for its grace period").isLessThanOrEqualTo(1);
    }

    private BrokerInterest connected(Duration grace) {
        BrokerInterest interest = new BrokerInterest(topology, grace, Schedulers.parallel(),
                outages::incrementAndGet);
        interest.reconcile().block(WAIT); // connected, nothing to bind yet
        return interest;
    }
}
