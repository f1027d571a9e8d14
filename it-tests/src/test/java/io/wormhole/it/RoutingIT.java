package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Protocol §3–§5: who gets which event. "Never receives" is shown without waiting for
 * silence: a later event the client does get is the next frame it sees, so nothing came
 * before it (per socket, events arrive in the order the broker delivered them).
 */
class RoutingIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with();

    @Test
    void event_ofOneAccount_neverReachesAnotherAccount() {
        String accountA = Ids.account();
        String accountB = Ids.account();
        WsClient a = gateway.connect();
        WsClient b = gateway.connect();
        a.subscribe(gateway.token(accountA), "call.CHANNEL_CREATE.*");
        b.subscribe(gateway.token(accountB), "call.CHANNEL_CREATE.*");
        KazooEvent forA = KazooEvent.call(accountA, "CHANNEL_CREATE", Ids.id());
        KazooEvent forB = KazooEvent.call(accountB, "CHANNEL_CREATE", Ids.id());
        KazooEvent laterForA = KazooEvent.call(accountA, "CHANNEL_CREATE", Ids.id());

        gateway.publishAll(List.of(forA, forB, laterForA));

        assertThat(routingKeyOf(b.nextEvent())).isEqualTo(forB.routingKey());
        assertThat(routingKeyOf(a.nextEvent())).isEqualTo(forA.routingKey());
        assertThat(routingKeyOf(a.nextEvent())).isEqualTo(laterForA.routingKey());
    }

    @Test
    void event_matchingSeveralBindingsOfASocket_arrivesOncePerBinding() {
        String account = Ids.account();
        String callId = Ids.id();
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*", "call.*." + callId, "call.#",
                "call.CHANNEL_DESTROY.*");
        KazooEvent create = KazooEvent.call(account, "CHANNEL_CREATE", callId);
        KazooEvent marker = KazooEvent.call(account, "CHANNEL_ANSWER", Ids.id()); // matches call.# only

        gateway.publishAll(List.of(create, marker));

        List<JsonNode> frames = List.of(client.nextEvent(), client.nextEvent(), client.nextEvent());
        assertThat(frames).extracting(f -> f.path("routing_key").asText()).containsOnly(create.routingKey());
        assertThat(frames).extracting(f -> f.path("subscribed_key").asText() + " -> "
                + f.path("subscription_key").asText())
                .containsExactlyInAnyOrder(
                        "call.CHANNEL_CREATE.* -> call." + account + ".CHANNEL_CREATE.*",
                        "call.*." + callId + " -> call." + account + ".*." + callId,
                        "call.# -> call." + account + ".#");
        assertThat(frames).extracting(f -> f.path("data")).containsOnly(frames.get(0).path("data"));
        JsonNode next = client.nextEvent();
        assertThat(routingKeyOf(next)).isEqualTo(marker.routingKey());
        assertThat(next.path("subscribed_key").asText()).isEqualTo("call.#");
    }

    @Test
    void subscribeReply_thenPublishAtOnce_eventArrivesEveryTime() {
        String account = Ids.account();
        WsClient client = gateway.connect();
        String token = gateway.token(account);

        for (int round = 0; round < 50; round++) {
            String callId = Ids.id(); // a binding the broker has never seen: the reply must wait for it
            client.subscribe(token, "call.CHANNEL_CREATE." + callId);
            KazooEvent event = KazooEvent.call(account, "CHANNEL_CREATE", callId);

            gateway.publish(event);

            assertThat(routingKeyOf(client.nextEvent())).as("round %d", round).isEqualTo(event.routingKey());
        }
    }

    @Test
    void events_forOneSocket_arriveInPublishOrder() {
        String account = Ids.account();
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.*.*");
        List<KazooEvent> published = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            published.add(KazooEvent.call(account, i % 2 == 0 ? "CHANNEL_CREATE" : "CHANNEL_DESTROY", Ids.id()));
        }

        gateway.publishAll(published);

        List<String> received = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            received.add(routingKeyOf(client.nextEvent()));
        }
        assertThat(received).containsExactlyElementsOf(published.stream().map(KazooEvent::routingKey).toList());
    }

    @Test
    void unsubscribe_stopsTheEventsOfThatBindingOnly() {
        String account = Ids.account();
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*", "call.CHANNEL_DESTROY.*");
        client.request("u-1", """
                {"action":"unsubscribe","request_id":"u-1","data":{"binding":"call.CHANNEL_CREATE.*"}}
                """);
        KazooEvent unwanted = KazooEvent.call(account, "CHANNEL_CREATE", Ids.id());
        KazooEvent wanted = KazooEvent.call(account, "CHANNEL_DESTROY", Ids.id());

        gateway.publishAll(List.of(unwanted, wanted));

        assertThat(routingKeyOf(client.nextEvent())).isEqualTo(wanted.routingKey());
    }

    private static String routingKeyOf(JsonNode frame) {
        return frame.path("routing_key").asText();
    }
}
