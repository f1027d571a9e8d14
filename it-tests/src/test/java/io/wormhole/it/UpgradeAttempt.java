package io.wormhole.it;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLPeerUnverifiedException;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
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
    private final CompletableFuture<X509Certificate> serverCertificate = new CompletableFuture<>();
    private final Disposable lifetime;

    private UpgradeAttempt(HttpClient client, String uri, Map<String, String> headers) {
        this.lifetime = client
                .headers(h -> headers.forEach(h::set))
                .websocket()
                .uri(uri)
                .handle((in, out) -> {
                    in.withConnection(c -> {
                        SslHandler tls = c.channel().pipeline().get(SslHandler.class);
                        serverCertificate.complete(tls == null ? null : leaf(tls));
                    });
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
        return new UpgradeAttempt(HttpClient.create(), "ws://127.0.0.1:" + port + "/ws", headers);
    }

    /**
     * Attempts a wss upgrade to the node's TLS port with this client context (e.g.
     * {@link TestCertificates#trust()}: only the test CA, and the name 127.0.0.1 checked).
     */
    public static UpgradeAttempt secure(int port, SslContext trust) {
        return new UpgradeAttempt(HttpClient.create().secure(spec -> spec.sslContext(trust)),
                "wss://127.0.0.1:" + port + "/ws", Map.of());
    }

    /** The leaf certificate the node presented (null on a plain socket). */
    public X509Certificate serverCertificate() {
        return await(serverCertificate, "the accepted upgrade");
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

    private static X509Certificate leaf(SslHandler tls) {
        try {
            return (X509Certificate) tls.engine().getSession().getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
            throw new IllegalStateException("no server certificate after the handshake", e);
        }
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
