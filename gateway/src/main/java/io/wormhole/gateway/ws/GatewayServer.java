package io.wormhole.gateway.ws;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.wormhole.gateway.config.GatewayConfig;
import io.wormhole.gateway.session.SessionServices;
import io.wormhole.gateway.session.Sessions;
import io.wormhole.protocol.message.MessageCodec;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The HTTP side of the node's port (protocol §8) and the gate in front of the
 * WebSocket upgrade: 503 before the broker was first reached or while draining, 403
 * for an origin not allowed, 429 over the per-address connection limit. Every other
 * path with an upgrade becomes a session. {@code GET /} without an upgrade is the browser
 * console; {@code GET /demo/token} answers only in demo mode.
 */
public final class GatewayServer {
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server needs to know about the node, asked on every request. */
    public interface NodeStatus {
        /** True once the broker was reached since start; upgrades are refused before. */
        boolean accepting();

        /**
         * {@code ready}, or the state that keeps the node from it ({@code starting},
         * {@code recovering}, {@code draining}, {@code misconfigured}).
         */
        String readiness();

        /** Why the node is not ready, in words for an operator; null when there is nothing to add. */
        default String reason() {
            return null;
        }
    }

    private final GatewayConfig config;
    private final Sessions sessions;
    private final NodeStatus status;
    private final Supplier<String> metrics;
    private final WebSocketPipeline pipeline;
    private final WebsocketServerSpec spec;
    private final byte[] catalogue;
    private final ConsoleAssets console = new ConsoleAssets();
    private final ClientAddress clientAddress;
    private volatile byte[] demoToken;

    public GatewayServer(GatewayConfig config, SessionServices services, Sessions sessions, NodeStatus status,
            Supplier<String> metrics) {
        this.config = config;
        this.sessions = sessions;
        this.status = status;
        this.metrics = metrics;
        this.pipeline = new WebSocketPipeline(services, sessions, config.pingInterval(), config.pingTimeout());
        this.spec = WebsocketServerSpec.builder()
                .maxFramePayloadLength(config.maxFrame())
                .handlePing(false) // Reactor Netty answers pings itself
                .build();
        this.catalogue = envelope(services.catalog().templates());
        this.clientAddress = new ClientAddress(config.trustedProxies(), config.trustForwarded());
    }

    /**
     * Demo mode: serve this JSON document at {@code GET /demo/token} (the console fills
     * itself in from it); null: not in demo mode, the path is 404. Call before {@link #bind()}.
     */
    public GatewayServer withDemoToken(byte[] document) {
        this.demoToken = document == null ? null : document.clone();
        return this;
    }

    /** Binds the port and returns the running server. */
    public DisposableServer bind() {
        return edge(HttpServer.create()
                .host(config.wsHost())
                .port(config.wsPort())
                .handle(this::handle))
                .bindNow();
    }

    /**
     * Binds the wss port ({@code GATEWAY_WSS_PORT}) with the certificate of
     * {@code GATEWAY_TLS_CERT} / {@code GATEWAY_TLS_KEY}, checked for renewals while the
     * server runs; null when no certificate is set.
     *
     * @throws IllegalArgumentException when the certificate files do not load
     */
    public DisposableServer bindSecure() {
        if (config.tlsCert() == null) {
            return null;
        }
        // the checks read files: a scheduler for blocking work
        TlsContext tls = TlsContext.load(Path.of(config.tlsCert()), Path.of(config.tlsKey()), config.tlsReload(),
                Schedulers.boundedElastic());
        try {
            DisposableServer secure = edge(HttpServer.create()
                    .host(config.wsHost())
                    .port(config.wssPort())
                    .secure(tls.provider())
                    .handle(this::handle))
                    .bindNow();
            secure.onDispose(tls);
            return secure;
        } catch (RuntimeException e) {
            tls.dispose();
            throw e;
        }
    }

    /** What sits in front of HTTP on both ports: the PROXY header, when configured. */
    private HttpServer edge(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            ProxyHeader.install(channel, config.proxyProtocol(), config.trustedProxies());
            // armed at accept, so a connection that never sends its request (or its PROXY header) ends too
            HandshakeDeadline.install(channel.pipeline(), config.handshakeTimeout());
        });
    }

    private Mono<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        String path = req.path();
        boolean get = req.method().equals(HttpMethod.GET);
        if (get && path.equals("healthz")) {
            return json(res, HttpResponseStatus.OK, "{\"status\":\"ok\"}");
        }
        if (get && path.equals("readyz")) {
            String r = status.readiness();
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", r);
            String why = r.equals("ready") ? null : status.reason();
            if (why != null) {
                body.put("reason", why);
            }
            return json(res, r.equals("ready") ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    encode(body));
        }
        if (get && path.equals("v2/websockets")) {
            return res.status(HttpResponseStatus.OK)
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendByteArray(Mono.just(catalogue)).then();
        }
        if (get && path.equals("metrics")) {
            return res.status(HttpResponseStatus.OK)
                    .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                    .sendString(Mono.fromSupplier(metrics)).then();
        }
        byte[] demo = demoToken;
        if (get && path.equals("demo/token") && demo != null) {
            return res.status(HttpResponseStatus.OK)
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .sendByteArray(Mono.just(demo)).then();
        }
        if (req.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
            return upgrade(req, res);
        }
        ConsoleAssets.Asset asset = get ? console.find(path) : null;
        if (asset != null) {
            return res.status(HttpResponseStatus.OK)
                    .header(HttpHeaderNames.CONTENT_TYPE, asset.contentType())
                    .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                    .header("Content-Security-Policy", ConsoleAssets.CONTENT_SECURITY_POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .sendByteArray(Mono.just(asset.body())).then();
        }
        return json(res, HttpResponseStatus.NOT_FOUND, "{\"status\":\"error\",\"message\":\"not found\"}");
    }

    private Mono<Void> upgrade(HttpServerRequest req, HttpServerResponse res) {
        if (!status.accepting() || status.readiness().equals("draining")) {
            return json(res, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "{\"status\":\"error\",\"message\":\"" + status.readiness() + "; retry later\"}");
        }
        List<String> origins = config.allowedOrigins();
        String origin = req.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (!origins.isEmpty() && (origin == null || !origins.contains(origin))) {
            return json(res, HttpResponseStatus.FORBIDDEN,
                    "{\"status\":\"error\",\"message\":\"origin not allowed\"}");
        }
        String address = clientAddress.of(req);
        if (!sessions.reserve(address, config.maxConnPerIp())) {
            log.debug("upgrade from {} refused: {} sockets from this address already", address, config.maxConnPerIp());
            return json(res, HttpResponseStatus.TOO_MANY_REQUESTS,
                    "{\"status\":\"error\",\"message\":\"too many connections from this address\"}");
        }
        return res.sendWebsocket((in, out) -> pipeline.serve(in, out, address, config.maxFrame())
                .doFinally(s -> sessions.unreserve(address)), spec)
                .doOnError(e -> sessions.unreserve(address));
    }

    private static Mono<Void> json(HttpServerResponse res, HttpResponseStatus status, String body) {
        return res.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(body)).then();
    }

    private static String encode(Map<String, String> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            return "{\"status\":\"" + body.get("status") + "\"}";
        }
    }

    private static byte[] envelope(Map<String, List<String>> templates) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", templates);
        body.put("status", "success");
        body.put("request_id", MessageCodec.newRequestId());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            log.error("cannot encode the catalogue", e);
            return "{\"data\":{},\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
