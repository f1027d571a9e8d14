package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Protocol §7, replies: a client that keeps sending requests while it reads none of the
 * answers is no longer read once its outbox holds the bound of replies, so the node's
 * memory for it stays bounded; when it reads again, every request is answered in order.
 */
class RepliesBackPressureIT {
    private static final int OUTBOX_FRAMES = 50;
    /** Echoed in each reply's request id (at most 255 characters), so that replies weigh. */
    private static final int PADDING = 240;
    /** More reply bytes (each about 80 bytes beyond its id) than the socket buffers hold. */
    private static final int REQUESTS = StalledReader.EVENTS * StalledReader.PADDING / (PADDING + 80);

    @RegisterExtension
    static final TestGateway gateway = TestGateway.with(
            "GATEWAY_OUTBOX_FRAMES", Integer.toString(OUTBOX_FRAMES),
            "GATEWAY_RATE_BURST", "1000000",
            "GATEWAY_RATE_PER_SECOND", "1000000");

    @Test
    void clientThatSendsButReadsNoReplies_isNoLongerRead_andAnsweredInFullWhenItReads() {
        WsClient client = gateway.connectWithTinyReceiveBuffer();
        client.stopReading();
        String padding = "x".repeat(PADDING);

        for (int i = 0; i < REQUESTS; i++) {
            client.send("{\"action\":\"ping\",\"request_id\":\"p" + i + "-" + padding + "\"}");
        }

        String paused = TestGateway.eventually(Duration.ofSeconds(20),
                () -> "paused readers " + gateway.metric("wormhole_sessions_paused")
                        + ", sessions " + gateway.metric("wormhole_sessions")
                        + ", most frames in one outbox " + gateway.metric("wormhole_outbox_frames_max"),
                seen -> seen.startsWith("paused readers 1.0"), "the node pausing the socket's reader");
        assertThat(gateway.metric("wormhole_outbox_frames_max")).as("after %s", paused)
                .isLessThanOrEqualTo(OUTBOX_FRAMES + 1);

        client.resumeReading();
        for (int i = 0; i < REQUESTS; i++) {
            JsonNode reply = client.next();
            assertThat(reply.path("request_id").asText()).isEqualTo("p" + i + "-" + padding);
            assertThat(reply.at("/data/response").asText()).isEqualTo("pong");
        }
        assertThat(gateway.metric("wormhole_sessions_paused")).isZero();
        client.assertServes();
    }
}
