package io.wormhole.gateway.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.wormhole.gateway.amqp.FakeConnection.Call;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The node's consumer against a {@link FakeConnection} playing the broker, with the
 * acknowledgement timer on virtual time: acknowledgements of a quiet node, and every way
 * the broker can end the consumer without dropping the connection (cancel, channel
 * closed), each of which must be an announced outage followed by a new queue with the
 * bindings in use. Waits for the topology thread are bounded polls.
 */
@Timeout(30)
class AmqpSourceTest {
    private static final String EXCHANGE = "callevt";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeConnection broker = new FakeConnection();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<String> routed = new CopyOnWriteArrayList<>();
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private AmqpSource source;
    private Disposable consuming;

    @BeforeEach
    void startNode() {
        source = new AmqpSource(List.of("amqp://fake"), 1000, Duration.ofSeconds(10), Duration.ZERO,
                List.of(EXCHANGE), time, () -> broker.connection);
        source.stateChanges().subscribe(s -> transitions.add(s + (source.reason() == null ? "" : ": " + source.reason())));
        source.start().block(WAIT);
    }

    @AfterEach
    void stopNode() {
        if (consuming != null) {
            consuming.dispose();
        }
        source.close();
    }

    @Test
    void consume_fewerDeliveriesThanABatch_areAcknowledgedWithinTheAckDelay() {
        consume(d -> routed.add(d.routingKey()));
        broker.deliver(EXCHANGE, "call.CHANNEL_CREATE.a");
        broker.deliver(EXCHANGE, "call.CHANNEL_CREATE.b");
        assertThat(broker.acks()).as("a batch is a quarter of the prefetch").isEmpty();

        time.advanceTimeBy(AmqpSource.ACK_DELAY);

        assertThat(routed).containsExactly("call.CHANNEL_CREATE.a", "call.CHANNEL_CREATE.b");
        assertThat(broker.acks()).as("one ack, multiple=true, of the last tag").containsExactly("2 true");
        time.advanceTimeBy(AmqpSource.ACK_DELAY.multipliedBy(10));
        assertThat(broker.acks()).as("nothing acknowledged twice").hasSize(1);
    }

    @Test
    void consume_aFullBatch_isAcknowledgedAtOnce() {
        consume(d -> routed.add(d.routingKey()));
        for (int i = 0; i < 250; i++) {
            broker.deliver(EXCHANGE, "call.CHANNEL_CREATE." + i);
        }
        assertThat(broker.acks()).containsExactly("250 true");
        time.advanceTimeBy(AmqpSource.ACK_DELAY);
        assertThat(broker.acks()).hasSize(1);
    }

    @Test
    void consume_routerThrows_skipsThatDeliveryCountsItAndKeepsConsuming() {
        consume(d -> {
            if (d.routingKey().endsWith("bad")) {
                throw new IllegalStateException("a routing bug");
            }
            routed.add(d.routingKey());
        });
        broker.deliver(EXCHANGE, "call.CHANNEL_CREATE.bad");
        broker.deliver(EXCHANGE, "call.CHANNEL_CREATE.good");
        time.advanceTimeBy(AmqpSource.ACK_DELAY);

        assertThat(routed).containsExactly("call.CHANNEL_CREATE.good");
        assertThat(source.routingErrors()).isEqualTo(1);
        assertThat(broker.acks()).containsExactly("2 true");
        assertThat(source.state()).isEqualTo(BrokerState.READY);
    }

    @Test
    void consume_brokerCancelsTheConsumer_isAnOutageThenANewQueueWithTheBindingsInUse() throws Exception {
        consume(d -> routed.add(d.routingKey()));
        source.acquire(EXCHANGE, "call.CHANNEL_CREATE.*").block(WAIT);

        broker.cancelConsumer();

        awaitConsumers(2);
        assertThat(transitions).containsExactly("STARTING", "READY",
                "RECOVERING: the broker cancelled the consumer of queue q-1", "READY");
        assertThat(source.queueName()).isEqualTo("q-2");
        assertThat(broker.calls()).extracting(c -> c.op() + " " + c.pattern()).containsSubsequence(
                "basicConsume q-1", "queueBind call.CHANNEL_CREATE.*", "queueDelete q-1", "queueDeclare q-2",
                "queueBind call.CHANNEL_CREATE.*", "basicConsume q-2");
        assertThat(source.consumerRestarts()).isEqualTo(1);
        broker.deliver(EXCHANGE, "call.CHANNEL_CREATE.after");
        assertThat(routed).containsExactly("call.CHANNEL_CREATE.after");
    }

    @Test
    void consume_brokerClosesTheConsumersChannel_isAnOutageNamedInTheBrokersWords() {
        consume(d -> routed.add(d.routingKey()));
        broker.deliver(EXCHANGE, "call.CHANNEL_CREATE.a");

        broker.closeConsumerChannel(406, "PRECONDITION_FAILED - delivery acknowledgement on channel 2 timed out");

        awaitConsumers(2);
        assertThat(transitions).containsExactly("STARTING", "READY",
                "RECOVERING: the broker closed a channel: 406 PRECONDITION_FAILED - delivery acknowledgement"
                        + " on channel 2 timed out", "READY");
        time.advanceTimeBy(AmqpSource.ACK_DELAY);
        assertThat(broker.acks()).as("the closed channel's tags are never acknowledged").isEmpty();
        broker.deliver(EXCHANGE, "call.CHANNEL_CREATE.b");
        time.advanceTimeBy(AmqpSource.ACK_DELAY);
        assertThat(broker.acks()).containsExactly("1 true");
    }

    @Test
    void acquire_whenTheBindFindsTheConnectionClosed_movesTheNodeToRecovering() {
        consume(d -> routed.add(d.routingKey()));
        broker.loseConnection();

        source.acquire(EXCHANGE, "call.CHANNEL_CREATE.*").block(WAIT);

        assertThat(source.state()).isEqualTo(BrokerState.RECOVERING);
        assertThat(source.reason()).isEqualTo("a bind found the broker connection closed");
        broker.regainConnection();
        time.advanceTimeBy(Duration.ofSeconds(1));
        await(() -> source.state() == BrokerState.READY, "ready again");
        assertThat(broker.calls()).extracting(c -> c.op() + " " + c.pattern())
                .endsWith("queueBind call.CHANNEL_CREATE.*");
    }

    private void consume(java.util.function.Consumer<Delivery> router) {
        consuming = source.consume(router).subscribe();
        awaitConsumers(1);
    }

    private void awaitConsumers(int n) {
        await(() -> broker.calls().stream().filter(c -> c.op().equals("basicConsume")).count() >= n,
                n + " consumer(s)");
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + WAIT + "; calls: " + broker.calls()
                        + "; states: " + transitions);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @SuppressWarnings("unused")
    private static String describe(Call c) {
        return c.op() + " " + c.pattern();
    }
}
