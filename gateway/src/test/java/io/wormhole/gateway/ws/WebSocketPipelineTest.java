package io.wormhole.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wormhole.gateway.auth.TokenVerifier;
import io.wormhole.gateway.session.SessionServices;
import io.wormhole.gateway.session.Sessions;
import io.wormhole.gateway.session.TestServices;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The pipeline over a real socket on the loopback (no broker: bindings are granted at
 * once): what ends a socket because of what the client sent, with which close status
 * (RFC 6455 §7.4.1, protocol §1), and that the session is gone afterwards.
 */
class WebSocketPipelineTest {
    private static final int MAX_FRAME = 1024;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Sessions sessions = new Sessions();
    private DisposableServer server;

    @BeforeEach
    void start() {
        SessionServices services = TestServices.verifyingWith(TokenVerifier.trustingNothing());
        WebSocketPipeline pipeline = new WebSocketPipeline(services, sessions, Duration.ofMinutes(1),
                Duration.ofMinutes(2));
        WebsocketServerSpec spec = WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME).build();
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> res.sendWebsocket((in, out) -> pipeline.serve(in, out, "test", MAX_FRAME), spec))
                .bindNow();
    }

    @AfterEach
    void stop() {
        server.disposeNow(WAIT);
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("a lone continuation byte", new byte[] {'{', (byte) 0x80, '}'}),
                Arguments.of("an overlong encoding", new byte[] {'{', (byte) 0xC0, (byte) 0xAF, '}'}),
                Arguments.of("an encoded surrogate", new byte[] {'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'}),
                Arguments.of("over U+10FFFF", new byte[] {'{', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '}'}),
                Arguments.of("cut at the end", new byte[] {'{', '}', (byte) 0xE2, (byte) 0x82}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void textFrame_invalidUtf8_closesWith1007AndEndsTheSession(String what, byte[] payload) {
        WebSocketCloseStatus status = exchange(List.of(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload))));

        assertThat(status.code()).isEqualTo(1007);
        awaitNoSession();
    }

    @Test
    void message_fragmentsTogetherOverTheLimit_closesWith1009() {
        byte[] half = "x".repeat(MAX_FRAME / 2 + 1).getBytes(StandardCharsets.US_ASCII);

        WebSocketCloseStatus status = exchange(List.of(
                new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(half)),
                new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(half))));

        assertThat(status.code()).isEqualTo(1009);
        awaitNoSession();
    }

    @Test
    void message_characterSplitAcrossFragments_isAnswered() {
        byte[] ping = "{\"action\":\"ping\",\"request_id\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        int cut = 33; // between the two bytes of 'é'

        String reply = HttpClient.create().websocket().uri("ws://127.0.0.1:" + server.port() + "/")
                .handle((in, out) -> out.sendObject(Flux.just(
                                new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(ping, 0, cut)),
                                new ContinuationWebSocketFrame(true, 0,
                                        Unpooled.wrappedBuffer(ping, cut, ping.length - cut))))
                        .then().thenMany(in.receive().asString().take(1)))
                .blockFirst(WAIT);

        assertThat(reply).contains("\"request_id\":\"caf\u00e9\"").contains("\"response\":\"pong\"");
    }

    /** The session ends once the close handshake is over: shortly after the client saw the close. */
    private void awaitNoSession() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sessions.size() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(sessions.size()).as("sessions left").isZero();
    }

    /** Sends the frames, then waits for the server's close status. */
    private WebSocketCloseStatus exchange(List<WebSocketFrame> frames) {
        return HttpClient.create().websocket().uri("ws://127.0.0.1:" + server.port() + "/")
                .handle((in, out) -> out.sendObject(Flux.fromIterable(frames)).then()
                        .then(in.receiveCloseStatus()))
                .blockFirst(WAIT);
    }
}
