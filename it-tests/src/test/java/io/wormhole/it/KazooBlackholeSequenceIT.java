package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kazoo's own blackhole integration test ({@code core/kazoo_proper/src/pqc_blackhole.erl},
 * sequences {@code seq_ping}, {@code seq_max_conn} and {@code seq_api}) run against the
 * gateway, assertion for assertion. Its socket-listing steps ({@code pqc_cb_websockets:summary}
 * and {@code details}) are left out: the gateway has no socket listing yet. Kazoo creates
 * an account through Crossbar first; here the account is a fresh id with its own token.
 */
class KazooBlackholeSequenceIT {

    private static JsonNode ping(WsClient ws, String requestId, String token) {
        return ws.request(requestId, """
                {"request_id":"%s","action":"ping","auth_token":"%s"}
                """.formatted(requestId, token));
    }

    private static void assertSuccessReplyTo(JsonNode reply, String requestId) {
        assertThat(reply.path("request_id").asText()).as("request_id of %s", reply).isEqualTo(requestId);
        assertThat(reply.path("status").asText()).as("status of %s", reply).isEqualTo("success");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SeqPingAndApi {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with();

        @Test
        void seqPing_pingTwiceASecondApart_bothAnswered() throws InterruptedException {
            String token = gateway.token(Ids.account());
            try (WsClient ws = gateway.connect()) {
                String pingReqId = Ids.id().substring(0, 8);

                assertSuccessReplyTo(ping(ws, pingReqId, token), pingReqId);
                // Kazoo's pause: the socket, idle for a second, still answers.
                Thread.sleep(1000);
                assertThat(ping(ws, pingReqId, token).path("action").asText()).isEqualTo("reply");
            }
        }

        @Test
        void seqApi_availableBindings_pingSubscribeUnsubscribe() {
            String accountId = Ids.account();
            String token = gateway.token(accountId);

            TestGateway.HttpAnswer available = gateway.get("/v2/websockets");
            assertThat(available.status()).isEqualTo(200);
            assertThat(Json.parse(available.body()).at("/data/call").isEmpty()).as("data.call of %s", available.body())
                    .isFalse();

            try (WsClient ws = gateway.connect()) {
                String pingReqId = Ids.id().substring(0, 8);
                assertSuccessReplyTo(ping(ws, pingReqId, token), pingReqId);

                String binding = "object.doc_created.user";
                String bindReqId = Ids.id().substring(0, 8);
                String data = """
                        "data":{"account_id":"%s","binding":"%s"}""".formatted(accountId, binding);
                JsonNode bindReply = ws.request(bindReqId, """
                        {"action":"subscribe","auth_token":"%s","request_id":"%s",%s}
                        """.formatted(token, bindReqId, data));
                assertThat(bindReply.path("action").asText()).isEqualTo("reply");
                assertSuccessReplyTo(bindReply, bindReqId);
                assertThat(Json.strings(bindReply.at("/data/subscribed"))).containsExactly(binding);

                // Kazoo's unsubscribe is its subscribe request with another action and id.
                String unbindReqId = Ids.id().substring(0, 8);
                JsonNode unbindReply = ws.request(unbindReqId, """
                        {"action":"unsubscribe","auth_token":"%s","request_id":"%s",%s}
                        """.formatted(token, unbindReqId, data));
                assertThat(unbindReply.path("action").asText()).isEqualTo("reply");
                assertSuccessReplyTo(unbindReply, unbindReqId);
                assertThat(Json.strings(unbindReply.at("/data/unsubscribed"))).containsExactly(binding);
                assertThat(unbindReply.at("/data/subscribed").isArray()).as("data.subscribed of %s", unbindReply)
                        .isTrue();
                assertThat(Json.strings(unbindReply.at("/data/subscribed"))).isEmpty();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SeqMaxConn {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_MAX_CONN_PER_IP", "1");

        @Test
        void seqMaxConn_oneSocketPerAddress_secondUpgradeGets429() {
            String token = gateway.token(Ids.account());
            try (WsClient ws = gateway.connect()) {
                String pingReqId = Ids.id().substring(0, 8);
                assertSuccessReplyTo(ping(ws, pingReqId, token), pingReqId);

                try (UpgradeAttempt second = UpgradeAttempt.to(gateway.port(), Map.of())) {
                    assertThat(second.status()).isEqualTo(429);
                }
            }
        }
    }
}
