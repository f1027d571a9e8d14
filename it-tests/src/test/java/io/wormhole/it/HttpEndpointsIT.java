package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.wormhole.gateway.Gateway;
import io.wormhole.gateway.amqp.AmqpSource;
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
        assertThat(Json.strings(data.path("object"))).contains("object.doc_created.user", "object.doc_edited.device",
                "object.doc_deleted.vmbox").noneMatch(t -> t.startsWith("object.edited"));
        assertThat(Json.strings(data.path("fax"))).containsExactly("fax.status.{FAX_ID}", "fax.object.{ACTION}");
        assertThat(Json.strings(data.path("conference"))).contains("conference.event.{CONFERENCE_ID}.{CALL_ID}.*",
                "conference.event.{CONFERENCE_ID}.{CALL_ID}.add-member", "conference.command.{CONFERENCE_ID}");
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

    @Test
    void readyz_brokerUriWithATrailingSlash_namesTheBrokersReasonAndTheFix() {
        String uri = TestBroker.get().uri();
        org.junit.jupiter.api.Assumptions.assumeTrue(uri.endsWith("/%2F") && TestBroker.get().control().isPresent(),
                "needs a RabbitMQ whose default vhost is named /%2F in the URI");
        TokenIssuer issuer = new TokenIssuer();
        try (Gateway emptyVhost = Gateway.start(GatewayConfig.fromValues(Map.of(
                "GATEWAY_AMQP_URI", uri.substring(0, uri.length() - "%2F".length()),
                "GATEWAY_WS_HOST", "127.0.0.1",
                "GATEWAY_WS_PORT", "0",
                "GATEWAY_JWT_KEYS", issuer.publicKeyFile().toString())))) {

            TestGateway.HttpAnswer answer = TestGateway.eventually(Duration.ofSeconds(20),
                    () -> TestGateway.get(emptyVhost.port(), "/readyz"), a -> a.body().contains("reason"),
                    "/readyz giving a reason");
            assertThat(answer.status()).isEqualTo(503);
            JsonNode body = Json.parse(answer.body());
            assertThat(body.path("status").asText()).isEqualTo("starting");
            assertThat(body.path("reason").asText()).contains("NOT_ALLOWED - vhost").contains("not found").contains("%2F");
        }
    }

    @Test
    void readyz_noTokenKeysOutsideDemoMode_is503WithTheReason() {
        try (Gateway keyless = Gateway.start(GatewayConfig.fromValues(Map.of(
                "GATEWAY_AMQP_URI", TestBroker.get().uri(),
                "GATEWAY_WS_HOST", "127.0.0.1",
                "GATEWAY_WS_PORT", "0")))) {
            keyless.ready().block(Duration.ofSeconds(20));

            TestGateway.HttpAnswer answer = TestGateway.get(keyless.port(), "/readyz");

            assertThat(answer.status()).isEqualTo(503);
            JsonNode body = Json.parse(answer.body());
            assertThat(body.path("status").asText()).isEqualTo("misconfigured");
            assertThat(body.path("reason").asText()).startsWith("GATEWAY_JWT_KEYS is not set");
        }
    }

    @Test
    void close_whileStillConnecting_stopsTryingTheBroker() throws Exception {
        // A port that accepts and hangs up: every connection attempt of the node shows here.
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocket refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!refusing.isClosed()) {
                    try (Socket s = refusing.accept()) {
                        attempts.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "refusing-broker");
            acceptor.setDaemon(true);
            acceptor.start();
            TokenIssuer issuer = new TokenIssuer();
            Gateway connecting = Gateway.start(GatewayConfig.fromValues(Map.of(
                    "GATEWAY_AMQP_URI", "amqp://guest:guest@127.0.0.1:" + refusing.getLocalPort() + "/%2F",
                    "GATEWAY_WS_HOST", "127.0.0.1",
                    "GATEWAY_WS_PORT", "0",
                    "GATEWAY_JWT_KEYS", issuer.publicKeyFile().toString())));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (attempts.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(attempts.get()).as("the node retries an unreachable broker").isGreaterThanOrEqualTo(2);

            Logger amqpLog = (Logger) LoggerFactory.getLogger(AmqpSource.class);
            ListAppender<ILoggingEvent> afterClose = new ListAppender<>();
            afterClose.start();
            connecting.close();
            amqpLog.addAppender(afterClose);
            try {
                int atClose = attempts.get();
                // the back-off between the early attempts is at most a few seconds
                Thread.sleep(5_000);
                assertThat(attempts.get()).as("connection attempts after close").isLessThanOrEqualTo(atClose + 1);
                assertThat(afterClose.list).extracting(ILoggingEvent::getFormattedMessage)
                        .as("the closed node's broker log").noneMatch(line -> line.contains("retrying"));
            } finally {
                amqpLog.detachAppender(afterClose);
            }
        }
    }
}
