package io.wormhole.gateway.ws;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Operations, {@code GATEWAY_HANDSHAKE_TIMEOUT}: a connection that has not completed its
 * HTTP request within the timeout is closed, whether it sends nothing or dribbles its
 * headers; a complete request, an upgrade, or a new request after a response each
 * settle it as the class says. Netty's embedded channel on virtual time.
 */
class HandshakeDeadlineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String REQUEST_LINE = "GET /ws HTTP/1.1\r\n";
    private static final String HEADERS_END = "Host: gateway\r\n\r\n";

    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(),
            new HandshakeDeadline(TIMEOUT));

    @Test
    void silentConnection_isClosedAtTheTimeout() {
        advance(TIMEOUT.minusSeconds(1));
        assertThat(channel.isOpen()).isTrue();

        advance(Duration.ofSeconds(1));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void headersDribbledALineAtATime_areClosedAtTheTimeout() {
        send(REQUEST_LINE);
        for (int i = 0; i < TIMEOUT.toSeconds(); i++) {
            advance(Duration.ofSeconds(1));
            if (channel.isOpen()) {
                send("X-Slow-" + i + ": 1\r\n");
            }
        }

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void completeRequest_isNotClosedWhileTheNodeAnswers() {
        send(REQUEST_LINE + HEADERS_END);

        advance(TIMEOUT.multipliedBy(10));

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void upgradeAnswered_removesTheDeadline() {
        send(REQUEST_LINE + HEADERS_END);
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS));

        advance(TIMEOUT.multipliedBy(10));

        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.pipeline().get(HandshakeDeadline.class)).isNull();
    }

    @Test
    void keptAliveAfterAResponse_hasTheTimeoutForItsNextRequest() {
        send(REQUEST_LINE + HEADERS_END);
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));

        advance(TIMEOUT);

        assertThat(channel.isOpen()).isFalse();
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, US_ASCII));
    }

    private void advance(Duration d) {
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }
}
