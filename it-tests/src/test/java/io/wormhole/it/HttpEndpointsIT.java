package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.wormhole.gateway.Gateway;
import io.wormhole.gateway.config.GatewayConfig;

/** Protocol §8 and §3: the HTTP endpoints on the WebSocket port, and the gate before the broker. */
class HttpEndpointsIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with();

    @Test
    void healthz_whileServing_is200() {
        assertThat(gateway.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void readyz_connectedToTheBroker_is200() {
        assertThat(gateway.get("/readyz").status()).isEqualTo(200);
    }

    @Test
    void websocketsCatalogue_servesEveryFamilyInCrossbarsEnvelope() {
        TestGateway.HttpAnswer answer = gateway.get("/v2/websockets");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = Json.parse(answer.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        JsonNode data = body.path("data");
        assertThat(Json.strings(data.path("call"))).contains("call.CHANNEL_CREATE.{CALL_ID}",
                "call.CHANNEL_DESTROY.{CALL_ID}");
        assertThat(data.path("object").isArray()).isTrue();
        StringBuilder every = new StringBuilder();
        data.forEach(templates -> templates.forEach(t -> every.append(t.asText()).append('\n')));
        assertThat(every.toString()).contains("doc_edited.", "fax.status.", "conference.event.",
                "conference.command.", "object.");
    }

    @Test
    void upgrade_beforeTheBrokerWasEverReached_isRefusedWith503() {
        TokenIssuer issuer = new TokenIssuer();
        try (Gateway unreachable = Gateway.start(GatewayConfig.fromValues(Map.of(
                "GATEWAY_AMQP_URI", "amqp://guest:guest@127.0.0.1:1/%2F",
                "GATEWAY_WS_HOST", "127.0.0.1",
                "GATEWAY_WS_PORT", "0",
                "GATEWAY_JWT_KEYS", issuer.publicKeyFile().toString())))) {

            assertThatThrownBy(() -> WsClient.connect(unreachable.port()).close())
                    .hasStackTraceContaining("getStatus: 503 Service Unavailable");
            assertThat(TestGateway.getStatus(unreachable.port(), "/readyz")).isEqualTo(503);
            assertThat(TestGateway.getStatus(unreachable.port(), "/healthz")).isEqualTo(200);
        }
    }
}
