package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.wormhole.gateway.Gateway;
import io.wormhole.gateway.config.GatewayConfig;

/**
 * Operations "Behind a load balancer", drain: on SIGTERM ({@link Gateway#drainAndClose})
 * {@code /readyz} answers 503 at once and for the whole {@code GATEWAY_DRAIN} window,
 * even when the node's only socket was closed at its start, and upgrades get 503
 * meanwhile; the port closes after the window.
 */
class DrainIT {
    private static final Duration WINDOW = Duration.ofSeconds(4);

    @Test
    void drain_oneSocket_readyzStays503ForTheWindowAfterTheSocketClosed() throws Exception {
        TokenIssuer issuer = new TokenIssuer();
        Gateway node = Gateway.start(GatewayConfig.fromValues(Map.of(
                "GATEWAY_AMQP_URI", TestBroker.get().uri(),
                "GATEWAY_WS_HOST", "127.0.0.1",
                "GATEWAY_WS_PORT", "0",
                "GATEWAY_JWT_KEYS", issuer.publicKeyFile().toString(),
                "GATEWAY_DRAIN", WINDOW.toSeconds() + "s")));
        int port = node.port();
        node.ready().block(Duration.ofSeconds(20));
        try (WsClient client = WsClient.connect(port)) {
            assertThat(TestGateway.getStatus(port, "/readyz")).isEqualTo(200);

            CompletableFuture<Void> drained = CompletableFuture.runAsync(node::drainAndClose);

            assertThat(client.awaitClose()).isEqualTo(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE);
            Thread.sleep(WINDOW.toMillis() / 2); // well inside the window, long after the last socket closed
            assertThat(TestGateway.get(port, "/readyz"))
                    .isEqualTo(new TestGateway.HttpAnswer(503, "{\"status\":\"draining\"}"));
            try (UpgradeAttempt late = UpgradeAttempt.to(port, Map.of())) {
                assertThat(late.status()).as("an upgrade during the drain").isEqualTo(503);
            }
            assertThat(drained).as("the drain still runs").isNotDone();

            drained.get(WINDOW.toSeconds() + 10, TimeUnit.SECONDS);
        } finally {
            node.close();
        }
    }
}
