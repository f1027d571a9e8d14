package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/** Protocol §2–§3: every success reply, exactly as a client reads it. */
class RepliesIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with();

    private final String account = Ids.account();

    @Test
    void connect_sendsNothingUntilTheClientSpeaks() {
        WsClient client = gateway.connect();

        client.send("""
                {"action":"ping","request_id":"first"}
                """);

        assertThat(client.next().path("request_id").asText()).as("the first frame is the reply").isEqualTo("first");
    }

    @Test
    void subscribe_singleBinding_repliesSubscribedAsList() {
        WsClient client = gateway.connect();

        client.send("""
                {"action":"subscribe","request_id":"sub-1","auth_token":"%s",
                 "data":{"account_id":"%s","binding":"call.CHANNEL_CREATE.*"}}
                """.formatted(gateway.token(account), account));

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"sub-1","status":"success",
                 "data":{"subscribed":["call.CHANNEL_CREATE.*"],"subscriptions":["call.CHANNEL_CREATE.*"]}}
                """));
    }

    @Test
    void subscribe_bindingsList_repliesEverySubscriptionInFirstAddedOrder() {
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "doc_edited.*.user.*");

        client.send("""
                {"action":"subscribe","request_id":"sub-2",
                 "data":{"bindings":["call.CHANNEL_ANSWER.*","doc_edited.*.user.*","fax.status.*"]}}
                """);

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"sub-2","status":"success",
                 "data":{"subscribed":["call.CHANNEL_ANSWER.*","doc_edited.*.user.*","fax.status.*"],
                         "subscriptions":["doc_edited.*.user.*","call.CHANNEL_ANSWER.*","fax.status.*"]}}
                """));
    }

    @Test
    void subscribe_bindingAndBindings_bindingWins() {
        WsClient client = gateway.connect();

        client.send("""
                {"action":"subscribe","request_id":"sub-3","auth_token":"%s",
                 "data":{"binding":"fax.status.*","bindings":["call.CHANNEL_CREATE.*"]}}
                """.formatted(gateway.token(account)));

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"sub-3","status":"success",
                 "data":{"subscribed":["fax.status.*"],"subscriptions":["fax.status.*"]}}
                """));
    }

    @Test
    void subscribe_sameBindingTwice_isIdempotent() {
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*");

        client.send("""
                {"action":"subscribe","request_id":"sub-4","data":{"binding":"call.CHANNEL_CREATE.*"}}
                """);

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"sub-4","status":"success",
                 "data":{"subscribed":["call.CHANNEL_CREATE.*"],"subscriptions":["call.CHANNEL_CREATE.*"]}}
                """));
    }

    @Test
    void subscribe_legacyTopLevelNameAndMetadata_isAccepted() {
        WsClient client = gateway.connect();

        client.send("""
                {"action":"subscribe","request_id":"sub-5","auth_token":"%s","name":"Wallboard",
                 "metadata":{"floor":3},"data":{"binding":"call.CHANNEL_CREATE.*"}}
                """.formatted(gateway.token(account)));

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"sub-5","status":"success",
                 "data":{"subscribed":["call.CHANNEL_CREATE.*"],"subscriptions":["call.CHANNEL_CREATE.*"]}}
                """));
    }

    @Test
    void unsubscribe_oneBinding_repliesUnsubscribedAndWhatRemains() {
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*", "fax.status.*");

        client.send("""
                {"action":"unsubscribe","request_id":"unsub-1","data":{"binding":"call.CHANNEL_CREATE.*"}}
                """);

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"unsub-1","status":"success",
                 "data":{"unsubscribed":["call.CHANNEL_CREATE.*"],"subscribed":["fax.status.*"],
                         "subscriptions":["fax.status.*"]}}
                """));
    }

    @Test
    void unsubscribe_withoutBindings_removesEverySubscription() {
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*", "fax.status.*");

        client.send("""
                {"action":"unsubscribe","request_id":"unsub-all"}
                """);

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"unsub-all","status":"success",
                 "data":{"unsubscribed":["call.CHANNEL_CREATE.*","fax.status.*"],"subscribed":[],"subscriptions":[]}}
                """));
    }

    @Test
    void ping_repliesPong() {
        WsClient client = gateway.connect();

        client.send("""
                {"action":"ping","request_id":"ping-1"}
                """);

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"ping-1","status":"success","data":{"response":"pong"}}
                """));
    }

    @Test
    void noop_onAnAuthenticatedSocket_repliesSuccessWithEmptyData() {
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*");

        client.send("""
                {"action":"noop","request_id":"noop-1"}
                """);

        assertThat(client.next()).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"noop-1","status":"success","data":{}}
                """));
    }

    @Test
    void noop_carryingAToken_authenticatesTheSocket() {
        WsClient client = gateway.connect();

        client.send("""
                {"action":"noop","request_id":"noop-2","auth_token":"%s"}
                """.formatted(gateway.token(account)));
        assertThat(client.next().path("status").asText()).isEqualTo("success");
        client.send("""
                {"action":"subscribe","request_id":"sub-after-noop","data":{"binding":"fax.status.*"}}
                """);

        assertThat(client.next().path("status").asText()).isEqualTo("success");
    }

    @Test
    void request_withoutRequestId_getsAGeneratedOne() {
        WsClient client = gateway.connect();

        client.send("""
                {"action":"ping"}
                """);

        JsonNode reply = client.next();
        assertThat(reply.path("request_id").asText()).matches("[0-9a-f]{32}");
        assertThat(reply.path("data")).isEqualTo(Json.parse("{\"response\":\"pong\"}"));
    }
}
