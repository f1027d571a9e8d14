package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protocol §3 and §8 while the broker goes away and comes back under a subscribed
 * client: the node turns unready but keeps the socket (and says so with a notice),
 * accepts subscriptions meanwhile, and once the broker is back the same socket gets
 * events again, for its old bindings and for the one made during the outage.
 */
class BrokerRestartIT {
    private static final Duration OUTAGE_LIMIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final TestGateway gateway = TestGateway.with();

    @AfterAll
    static void leaveTheBrokerRunning() {
        TestBroker.get().control().ifPresent(BrokerControl::start);
    }

    @Test
    void brokerRestart_underASubscribedClient_sameSocketGetsEventsAgain() {
        BrokerControl broker = TestBroker.get().requireControl();
        String account = Ids.account();
        String token = gateway.token(account);
        WsClient client = gateway.connect();
        client.subscribe(token, "call.CHANNEL_CREATE.*");
        gateway.publish(KazooEvent.call(account, "CHANNEL_CREATE", Ids.id()));
        client.nextEvent();

        try {
            broker.stop();

            TestGateway.eventually(OUTAGE_LIMIT, () -> gateway.get("/readyz").status(), s -> s == 503,
                    "/readyz turning 503");
            client.nextNotice("broker_down");
            assertThat(client.isOpen()).isTrue();
            client.assertServes();
            client.subscribe(token, "call.CHANNEL_DESTROY.*");
        } finally {
            broker.start();
        }

        TestGateway.eventually(OUTAGE_LIMIT, () -> gateway.get("/readyz").status(), s -> s == 200,
                "/readyz back to 200");
        KazooEvent create = KazooEvent.call(account, "CHANNEL_CREATE", Ids.id());
        KazooEvent destroy = KazooEvent.call(account, "CHANNEL_DESTROY", Ids.id());
        gateway.publish(create);
        gateway.publish(destroy);
        assertThat(client.nextEvent().path("routing_key").asText()).isEqualTo(create.routingKey());
        assertThat(client.nextEvent().path("routing_key").asText()).isEqualTo(destroy.routingKey());
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void subscribe_rightAfterTheBrokerStopped_isRecordedAndBoundOnRecovery() {
        BrokerControl broker = TestBroker.get().requireControl();
        String account = Ids.account();
        String binding = "call.CHANNEL_BRIDGE.*";
        WsClient client = gateway.connect();
        client.assertServes();
        try {
            broker.stop();
            // before the node has noticed (its recovery waits a second before it starts)
            client.subscribe(gateway.token(account), binding);
        } finally {
            broker.start();
        }

        TestGateway.eventually(OUTAGE_LIMIT, () -> gateway.get("/readyz").status(), s -> s == 200,
                "/readyz back to 200");
        String queue = gateway.node().brokerQueue();
        assertThat(broker.bindingsOf(queue)).contains(new BrokerControl.BrokerBinding("callevt", queue, binding));
        KazooEvent event = KazooEvent.call(account, "CHANNEL_BRIDGE", Ids.id());
        gateway.publish(event);
        assertThat(client.nextEvent().path("routing_key").asText()).isEqualTo(event.routingKey());
    }
}
