package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Operations "Settings" ({@code GATEWAY_MAX_CONN_PER_IP}, {@code GATEWAY_ALLOWED_ORIGINS}):
 * the gate in front of the WebSocket upgrade answers 429 over the per-address limit and
 * 403 for an origin not listed, and lets the others through.
 */
class UpgradeLimitsIT {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ConnectionsPerAddress {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_MAX_CONN_PER_IP", "2");

        @Test
        void thirdConcurrentUpgrade_gets429_andOneMoreIsAcceptedOnceASocketCloses() {
            WsClient first = gateway.connect();
            WsClient second = gateway.connect();
            List<UpgradeAttempt> attempts = new ArrayList<>();
            try {
                UpgradeAttempt third = attempt(attempts);
                assertThat(third.status()).as("the third socket from 127.0.0.1").isEqualTo(429);
                second.assertServes();

                first.close();

                UpgradeAttempt accepted = TestGateway.eventually(Duration.ofSeconds(10), () -> attempt(attempts),
                        a -> a.status() == 101, "an upgrade accepted after a socket closed");
                assertThat(accepted.pingReply().at("/data/response").asText()).isEqualTo("pong");
                assertThat(attempt(attempts).status()).as("again two sockets: the next one is refused")
                        .isEqualTo(429);
                second.assertServes();
            } finally {
                attempts.forEach(UpgradeAttempt::close);
            }
        }

        private UpgradeAttempt attempt(List<UpgradeAttempt> attempts) {
            UpgradeAttempt a = UpgradeAttempt.to(gateway.port(), Map.of());
            attempts.add(a);
            return a;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AllowedOrigins {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_ALLOWED_ORIGINS", "https://ui.example.com");

        @Test
        void upgrade_fromAnOriginNotListed_gets403() {
            try (UpgradeAttempt evil = UpgradeAttempt.to(gateway.port(), Map.of("Origin", "https://evil.example.com"))) {
                assertThat(evil.status()).isEqualTo(403);
            }
        }

        @Test
        void upgrade_fromTheAllowedOrigin_isAcceptedAndServes() {
            try (UpgradeAttempt ui = UpgradeAttempt.to(gateway.port(), Map.of("Origin", "https://ui.example.com"))) {
                assertThat(ui.status()).isEqualTo(101);
                JsonNode reply = ui.pingReply();
                assertThat(reply.path("request_id").asText()).isEqualTo("upgrade-check");
                assertThat(reply.at("/data/response").asText()).isEqualTo("pong");
            }
        }
    }
}
