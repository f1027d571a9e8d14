package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.wormhole.it.BrokerControl.BrokerBinding;

/**
 * The node's AMQP bindings, checked on the broker itself: reference-counted per pattern
 * (one broker binding however many sockets and accounts share it), and gone once the
 * last socket left and the unbind grace period (1 s here) is over.
 */
class BrokerBindingsIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with("GATEWAY_UNBIND_GRACE", "1s");

    @Test
    void manySocketsOnOneBinding_shareOneBrokerBinding_untilTheLastLeaves() {
        BrokerControl broker = TestBroker.get().requireControl();
        String callId = Ids.id();
        String binding = "call.CHANNEL_ANSWER." + callId;
        String accountA = Ids.account();
        String accountB = Ids.account();
        List<WsClient> sockets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String account = i % 2 == 0 ? accountA : accountB;
            WsClient socket = gateway.connect();
            socket.subscribe(gateway.token(account), binding);
            sockets.add(socket);
        }

        assertThat(brokerBindings(broker, binding)).containsExactly(
                new BrokerBinding("callevt", gateway.node().brokerQueue(), binding));

        WsClient last = sockets.remove(sockets.size() - 1);
        sockets.forEach(WsClient::close);
        TestGateway.eventually(Duration.ofSeconds(10), () -> gateway.node().sessionCount(), n -> n == 1,
                "five sockets gone");
        KazooEvent event = KazooEvent.call(accountB, "CHANNEL_ANSWER", callId);
        gateway.publish(event);
        assertThat(last.nextEvent().path("routing_key").asText()).isEqualTo(event.routingKey());
        assertThat(brokerBindings(broker, binding)).hasSize(1);

        last.close();
        TestGateway.eventually(Duration.ofSeconds(10), () -> brokerBindings(broker, binding), List::isEmpty,
                "the broker binding removed after the grace period");
    }

    @Test
    void unsubscribe_ofTheLastUser_unbindsAfterTheGracePeriod() {
        BrokerControl broker = TestBroker.get().requireControl();
        String binding = "call.CHANNEL_HOLD." + Ids.id();
        WsClient socket = gateway.connect();
        socket.subscribe(gateway.token(Ids.account()), binding);
        assertThat(brokerBindings(broker, binding)).hasSize(1);

        socket.request("u-1", """
                {"action":"unsubscribe","request_id":"u-1","data":{"binding":"%s"}}
                """.formatted(binding));

        TestGateway.eventually(Duration.ofSeconds(10), () -> brokerBindings(broker, binding), List::isEmpty,
                "the broker binding removed after the grace period");
        socket.assertServes();
    }

    private static List<BrokerBinding> brokerBindings(BrokerControl broker, String routingKey) {
        return broker.bindingsOf(gateway.node().brokerQueue()).stream()
                .filter(b -> b.routingKey().equals(routingKey)).toList();
    }
}
