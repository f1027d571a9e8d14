package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.reactivestreams.Subscription;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A WebSocket client for the scenarios, on Reactor Netty's {@code HttpClient.websocket()}:
 * records every text frame it receives, sends text and binary frames, can stop reading
 * (it stops asking for frames, so Reactor Netty turns the channel's auto-read off and TCP
 * pushes back on the gateway: a stalled reader) and resume, and observes the close
 * status the gateway sends. Every wait is bounded by {@link #WAIT}. One test thread
 * drives it; frames are recorded on the connection's event loop.
 */
public final class WsClient implements AutoCloseable {
    /** The bound of every wait for a frame or a close. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_INBOUND_FRAME = 16 * 1024 * 1024;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** Frames taken off {@link #received} while looking for another one, oldest first. */
    private final Deque<String> heldBack = new ArrayDeque<>();
    private final Sinks.Many<WebSocketFrame> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<WebSocketCloseStatus> closeStatus = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Reader reader = new Reader();
    private final Disposable lifetime;

    private WsClient(HttpClient http, String uri) {
        WebsocketClientSpec spec = WebsocketClientSpec.builder().maxFramePayloadLength(MAX_INBOUND_FRAME).build();
        this.lifetime = http.websocket(spec)
                .uri(uri)
                .handle((in, out) -> {
                    in.receiveCloseStatus().subscribe(closeStatus::complete);
                    in.aggregateFrames(MAX_INBOUND_FRAME).receiveFrames().subscribe(reader);
                    connected.complete(null);
                    Mono<Void> sending = out.sendObject(outgoing.asFlux()).then();
                    return Mono.firstWithSignal(reader.done.asMono(), sending.then(Mono.never()));
                })
                .subscribe(null, e -> {
                    connected.completeExceptionally(e);
                    ended.complete(null);
                }, () -> ended.complete(null));
    }

    /** Opens a socket to the gateway on this port; fails when the upgrade is refused. */
    public static WsClient connect(int port) {
        return open(new WsClient(HttpClient.create(), "ws://127.0.0.1:" + port + "/ws"));
    }

    /** Opens a socket on this path (with any query string) and with these upgrade request headers. */
    public static WsClient connect(int port, String pathAndQuery, Map<String, String> headers) {
        return open(new WsClient(HttpClient.create().headers(h -> headers.forEach(h::set)),
                "ws://127.0.0.1:" + port + pathAndQuery));
    }

    /** Like {@link #connect}, with a small fixed TCP receive buffer, for stalled-reader stories. */
    public static WsClient connectWithTinyReceiveBuffer(int port) {
        // a fixed small window: the kernel then holds little of what a stalled reader leaves unread
        return open(new WsClient(HttpClient.create().option(ChannelOption.SO_RCVBUF, 4096),
                "ws://127.0.0.1:" + port + "/ws"));
    }

    /** Opens a wss socket to the node's TLS port, trusting only this CA; fails when refused. */
    public static WsClient connectSecure(int port, SslContext trust) {
        return open(new WsClient(HttpClient.create().secure(spec -> spec.sslContext(trust)),
                "wss://127.0.0.1:" + port + "/ws"));
    }

    private static WsClient open(WsClient client) {
        await(client.connected, "the WebSocket upgrade");
        return client;
    }

    /** Sends one text frame. */
    public void send(String text) {
        emit(new TextWebSocketFrame(text));
    }

    /** Sends these bytes as one text frame, whether or not they are valid UTF-8. */
    public void sendTextBytes(byte[] bytes) {
        emit(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** Sends the text as one message cut into this many frames (a text frame and continuations). */
    public void sendFragmented(String text, int pieces) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int size = (bytes.length + pieces - 1) / pieces;
        for (int at = 0, i = 0; at < bytes.length; at += size, i++) {
            boolean last = at + size >= bytes.length;
            var content = Unpooled.wrappedBuffer(bytes, at, Math.min(size, bytes.length - at));
            emit(i == 0 ? new TextWebSocketFrame(last, 0, content) : new ContinuationWebSocketFrame(last, 0, content));
        }
    }

    /** Sends one binary frame. */
    public void sendBinary(byte[] bytes) {
        emit(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** The next frame, parsed; fails the test when none comes within {@link #WAIT}. */
    public JsonNode next() {
        String held = heldBack.pollFirst();
        return Json.parse(held != null ? held : take(WAIT));
    }

    /** The next frame if one comes within the wait, else null (for stories that count what came). */
    public JsonNode poll(Duration wait) {
        String held = heldBack.pollFirst();
        String text = held != null ? held : poll0(wait);
        return text == null ? null : Json.parse(text);
    }

    /**
     * The next frame that matches, leaving the frames before it for {@link #next()} in
     * their order; fails the test when none comes within {@link #WAIT}.
     */
    public JsonNode next(Predicate<JsonNode> wanted, String what) {
        for (Iterator<String> it = heldBack.iterator(); it.hasNext();) {
            JsonNode frame = Json.parse(it.next());
            if (wanted.test(frame)) {
                it.remove();
                return frame;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String text = poll0(Duration.ofNanos(Math.max(0, left)));
            if (text == null) {
                throw new AssertionError("no " + what + " within " + WAIT + "; frames seen meanwhile: " + heldBack);
            }
            JsonNode frame = Json.parse(text);
            if (wanted.test(frame)) {
                return frame;
            }
            heldBack.addLast(text);
        }
    }

    /** The next event frame (replies and notices in between are kept for {@link #next()}). */
    public JsonNode nextEvent() {
        return next(f -> f.path("action").asText().equals("event"), "event frame");
    }

    /** The reply to the request with this id (other frames are kept for {@link #next()}). */
    public JsonNode replyTo(String requestId) {
        return next(f -> f.path("action").asText().equals("reply")
                && f.path("request_id").asText().equals(requestId), "reply to request " + requestId);
    }

    /** The next notice of this type, e.g. {@code dropped} or {@code broker_down}. */
    public JsonNode nextNotice(String type) {
        return next(f -> f.path("action").asText().equals("notice") && f.path("type").asText().equals(type),
                "'" + type + "' notice");
    }

    /** Sends the request and returns its reply. */
    public JsonNode request(String requestId, String json) {
        send(json);
        return replyTo(requestId);
    }

    /** Subscribes to these bindings (in the token's own account) and asserts the success reply. */
    public JsonNode subscribe(String token, String... bindings) {
        return subscribeIn(token, null, bindings);
    }

    /** Subscribes to these bindings in the given account and asserts the success reply. */
    public JsonNode subscribeIn(String token, String accountId, String... bindings) {
        String id = Ids.id();
        String account = accountId == null ? "" : "\"account_id\":" + Json.quote(accountId) + ",";
        JsonNode reply = request(id, "{\"action\":\"subscribe\",\"request_id\":\"" + id + "\",\"auth_token\":"
                + Json.quote(token) + ",\"data\":{" + account + "\"bindings\":" + Json.array(List.of(bindings))
                + "}}");
        assertThat(reply.path("status").asText()).as("reply to subscribe %s: %s", List.of(bindings), reply)
                .isEqualTo("success");
        return reply;
    }

    /** Sends a ping and asserts the pong: the socket still serves requests. */
    public void assertServes() {
        String id = Ids.id();
        JsonNode reply = request(id, "{\"action\":\"ping\",\"request_id\":\"" + id + "\"}");
        assertThat(reply).isEqualTo(Json.parse("""
                {"action":"reply","request_id":"%s","status":"success","data":{"response":"pong"}}
                """.formatted(id)));
    }

    /** Stops asking for frames: what the gateway sends piles up in TCP and then in its outbox. */
    public void stopReading() {
        reader.pause();
    }

    /** Asks for frames again. */
    public void resumeReading() {
        reader.resume();
    }

    /** Every frame received so far and not yet taken, without waiting. */
    public List<JsonNode> drain() {
        List<String> texts = new java.util.ArrayList<>(heldBack);
        heldBack.clear();
        received.drainTo(texts);
        return texts.stream().map(Json::parse).toList();
    }

    /** The close status the gateway sent; fails when none comes within {@link #WAIT}. */
    public WebSocketCloseStatus awaitClose() {
        try {
            return closeStatus.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the gateway did not close the socket within " + WAIT
                    + (ended.isDone() ? " (the connection ended without a close frame)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("no close status", e.getCause());
        }
    }

    /** True while the connection is open (no close frame received and not ended). */
    public boolean isOpen() {
        return !closeStatus.isDone() && !ended.isDone();
    }

    @Override
    public void close() {
        outgoing.tryEmitComplete();
        lifetime.dispose();
    }

    private void emit(WebSocketFrame frame) {
        outgoing.emitNext(frame, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    private String take(Duration wait) {
        String text = poll0(wait);
        if (text == null) {
            throw new AssertionError("no frame within " + wait + (isOpen() ? "" : " (the socket is closed)"));
        }
        return text;
    }

    private String poll0(Duration wait) {
        try {
            return received.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void await(CompletableFuture<?> f, String what) {
        try {
            f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not happen within " + WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Takes the inbound frames one request at a time, so that pausing is a matter of not
     * asking for the next one.
     */
    private final class Reader extends BaseSubscriber<WebSocketFrame> {
        final Sinks.Empty<Void> done = Sinks.empty();
        private volatile boolean paused;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(1);
        }

        @Override
        protected void hookOnNext(WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame) {
                received.add(((TextWebSocketFrame) frame).text());
            }
            if (!paused) {
                request(1);
            }
        }

        @Override
        protected void hookFinally(reactor.core.publisher.SignalType type) {
            done.tryEmitEmpty();
        }

        void pause() {
            paused = true;
        }

        void resume() {
            paused = false;
            request(1);
        }
    }
}
