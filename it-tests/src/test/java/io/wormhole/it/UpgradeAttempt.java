package io.wormhole.it;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * One WebSocket upgrade with chosen request headers (e.g. {@code Origin}), for stories
 * about which upgrades the node refuses: tells the HTTP status of the answer (101 when
 * the upgrade was accepted) and, when accepted, the reply to a ping sent at once. An
 * accepted socket stays open until {@link #close()}. Every wait is bounded by
 * {@link WsClient#WAIT}.
 */
public final class UpgradeAttempt implements AutoCloseable {
    private static final String PING = "{\"action\":\"ping\",\"request_id\":\"upgrade-check\"}";

    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<String> firstFrame = new CompletableFuture<>();
    private final Disposable lifetime;

    private UpgradeAttempt(int port, Map<String, String> headers) {
        this.lifetime = HttpClient.create()
                .headers(h -> headers.forEach(h::set))
                .websocket()
                .uri("ws://127.0.0.1:" + port + "/ws")
                .handle((in, out) -> {
                    status.complete(101);
                    // every frame is read (cancelling the inbound would close the socket); the first is kept
                    in.receive().asString().subscribe(firstFrame::complete);
                    return out.sendString(Mono.just(PING)).then().then(Mono.never());
                })
                .subscribe(null, e -> {
                    status.complete(refusal(e));
                    firstFrame.complete(null);
                });
    }

    /** Attempts an upgrade to the node on this port with these request headers. */
    public static UpgradeAttempt to(int port, Map<String, String> headers) {
        return new UpgradeAttempt(port, headers);
    }

    /** The answer's HTTP status: 101 for an accepted upgrade; fails when there is none. */
    public int status() {
        Integer s = await(status, "an answer to the upgrade");
        if (s < 0) {
            throw new AssertionError("the upgrade failed without an HTTP answer");
        }
        return s;
    }

    /** The reply to the ping sent right after an accepted upgrade. */
    public JsonNode pingReply() {
        String text = await(firstFrame, "a reply to the ping on the upgraded socket");
        if (text == null) {
            throw new AssertionError("the upgrade was refused: HTTP " + status());
        }
        return Json.parse(text);
    }

    @Override
    public void close() {
        lifetime.dispose();
    }

    /** The HTTP status of a refused handshake, or -1 when the failure was not an HTTP answer. */
    private static int refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebSocketClientHandshakeException h && h.response() != null) {
                return h.response().status().code();
            }
        }
        return -1;
    }

    private static <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not come within " + WsClient.WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        }
    }
}
