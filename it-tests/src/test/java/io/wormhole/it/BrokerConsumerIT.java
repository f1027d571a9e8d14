package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.wormhole.it.BrokerControl.BrokerBinding;

/**
 * The node's consumer on a real RabbitMQ when the broker ends it without a connection
 * loss: a quiet node must not be cut off by the broker's {@code consumer_timeout}, and a
 * consumer the broker cancels (its queue deleted) is an outage the node announces and
 * recovers from by itself (protocol §3, §8). Each story starts its own node, because
 * the broker reads {@code consumer_timeout} when a channel opens.
 */
class BrokerConsumerIT {
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    private static final long SHORT_CONSUMER_TIMEOUT_MS = 3000;

    @Test
    void quietNode_pastTheBrokersConsumerTimeout_keepsDeliveringAndStaysReady() {
        BrokerControl broker = TestBroker.get().requireControl();
        // the broker checks the timeout on each channel tick (60 s by default)
        Long previousTick = broker.setting("channel_tick_interval", 500L);
        Long previous = broker.setting("consumer_timeout", SHORT_CONSUMER_TIMEOUT_MS);
        TestGateway gateway = TestGateway.with();
        try {
            gateway.start();
            String account = Ids.account();
            WsClient client = gateway.connect();
            client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*");
            // A few events, far fewer than an ack batch of the default prefetch, then a
            // quiet spell well past the timeout: every event must still arrive.
            long quietUntil = System.nanoTime() + Duration.ofMillis(4 * SHORT_CONSUMER_TIMEOUT_MS).toNanos();
            while (System.nanoTime() < quietUntil) {
                KazooEvent event = KazooEvent.call(account, "CHANNEL_CREATE", Ids.id());
                gateway.publish(event);
                assertThat(client.nextEvent().path("routing_key").asText()).isEqualTo(event.routingKey());
                assertThat(client.poll(Duration.ofSeconds(1))).as("no notice while the node is quiet").isNull();
            }
            assertThat(gateway.get("/readyz").status()).isEqualTo(200);
        } finally {
            gateway.stop();
            broker.setting("consumer_timeout", previous);
            broker.setting("channel_tick_interval", previousTick);
        }
    }

    @Test
    void queueDeletedUnderTheConsumer_nodeAnnouncesTheOutageAndConsumesANewQueue() {
        BrokerControl broker = TestBroker.get().requireControl();
        TestGateway gateway = TestGateway.with();
        try {
            gateway.start();
            String account = Ids.account();
            String binding = "call.CHANNEL_ANSWER.*";
            WsClient client = gateway.connect();
            client.subscribe(gateway.token(account), binding);
            String lost = gateway.node().brokerQueue();

            broker.deleteQueue(lost);

            client.nextNotice("broker_down");
            client.nextNotice("broker_up");
            TestGateway.eventually(RECOVERY_LIMIT, () -> gateway.get("/readyz").status(), s -> s == 200,
                    "/readyz 200 again");
            String fresh = gateway.node().brokerQueue();
            assertThat(fresh).isNotEqualTo(lost);
            assertThat(broker.bindingsOf(fresh)).contains(new BrokerBinding("callevt", fresh, binding));
            KazooEvent event = KazooEvent.call(account, "CHANNEL_ANSWER", Ids.id());
            gateway.publish(event);
            assertThat(client.nextEvent().path("routing_key").asText()).isEqualTo(event.routingKey());
        } finally {
            gateway.stop();
        }
    }
}
