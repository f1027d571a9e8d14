package io.wormhole.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Plays Kazoo's Crossbar for the authorisation stories: {@code GET /v2/accounts/{id}} on
 * an ephemeral port. The caller is the {@code account_id} claim of the
 * {@code X-Auth-Token} (the signature is the gateway's business, not Crossbar's here):
 * 401 when there is no readable token, 200 with the account document when the caller is
 * the account itself, one of its ancestors or a super-admin, 403 otherwise. A document's
 * {@code data.superduper_admin} is true for the super-admins. Counts the lookups per
 * (token, account); {@link #delay} makes every answer late. With {@link #serveKeyOf} it also
 * serves Kazoo's token key, {@code GET /v2/auth/keys/{KEY_ID}}, as Crossbar does: the
 * PKCS#1 PEM, to a readable token only (401 otherwise), 404 for another key id. Thread-safe.
 */
public final class FakeCrossbar implements AutoCloseable {
    private final Map<String, String> parents;
    private final Set<String> superAdmins;
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final Map<String, TokenIssuer> issuerOfKid = new ConcurrentHashMap<>();
    private final AtomicInteger keyRequests = new AtomicInteger();
    /** Every connection accepted, so that going down also ends the keep-alive ones. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final DisposableServer server;

    /**
     * @param parents     each child account's parent (roots are not listed)
     * @param superAdmins accounts that may see every account
     */
    public FakeCrossbar(Map<String, String> parents, Set<String> superAdmins) {
        this.parents = Map.copyOf(parents);
        this.superAdmins = Set.copyOf(superAdmins);
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .channelGroup(connections)
                .route(r -> r.get("/v2/accounts/{id}", this::account).get("/v2/auth/keys/{kid}", this::key))
                .bindNow();
    }

    /** The base URL, for {@code GATEWAY_CROSSBAR_URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** How many lookups of this account with this token were received. */
    public int lookups(String token, String accountId) {
        AtomicInteger n = lookups.get(key(token, accountId));
        return n == null ? 0 : n.get();
    }

    /** How many lookups were received in all. */
    public int lookups() {
        return total.get();
    }

    /** Serves this issuer's public key under its key id (besides those served already). */
    public void serveKeyOf(TokenIssuer issuer) {
        issuerOfKid.put(issuer.keyId(), issuer);
    }

    /** How many key requests were received. */
    public int keyRequests() {
        return keyRequests.get();
    }

    /** From now on every answer is sent this late. */
    public void delay(Duration d) {
        delay.set(d);
    }

    /**
     * Goes down: stops listening (from now on connecting is refused) and ends every open
     * connection, the idle keep-alive ones of the gateway's pool included.
     */
    @Override
    public void close() {
        connections.close().awaitUninterruptibly(5_000);
        if (!server.isDisposed()) {
            server.disposeNow(Duration.ofSeconds(5));
        }
        connections.close().awaitUninterruptibly(5_000);
    }

    private Mono<Void> account(HttpServerRequest request, HttpServerResponse response) {
        String token = request.requestHeaders().get("X-Auth-Token");
        String account = request.param("id");
        total.incrementAndGet();
        lookups.computeIfAbsent(key(token, account), k -> new AtomicInteger()).incrementAndGet();
        String caller = accountOf(token);
        HttpResponseStatus status;
        String body;
        if (caller == null) {
            status = HttpResponseStatus.UNAUTHORIZED;
            body = "{\"status\":\"error\",\"error\":\"401\",\"message\":\"invalid_credentials\"}";
        } else if (!maySee(caller, account)) {
            status = HttpResponseStatus.FORBIDDEN;
            body = "{\"status\":\"error\",\"error\":\"403\",\"message\":\"forbidden\"}";
        } else {
            status = HttpResponseStatus.OK;
            body = "{\"data\":{\"id\":\"" + account + "\",\"superduper_admin\":" + superAdmins.contains(account)
                    + "},\"status\":\"success\"}";
        }
        return Mono.delay(delay.get())
                .then(response.status(status)
                        .header("Content-Type", "application/json")
                        .sendString(Mono.just(body), StandardCharsets.UTF_8).then());
    }

    private Mono<Void> key(HttpServerRequest request, HttpServerResponse response) {
        keyRequests.incrementAndGet();
        TokenIssuer issuer = issuerOfKid.get(request.param("kid"));
        HttpResponseStatus status = accountOf(request.requestHeaders().get("X-Auth-Token")) == null
                ? HttpResponseStatus.UNAUTHORIZED
                : issuer == null ? HttpResponseStatus.NOT_FOUND
                : HttpResponseStatus.OK;
        String body = status == HttpResponseStatus.OK ? issuer.publicKeyPkcs1Pem() : "{\"status\":\"error\"}";
        return response.status(status)
                .header("Content-Type", status == HttpResponseStatus.OK ? "application/x-pem-file" : "application/json")
                .sendString(Mono.just(body), StandardCharsets.UTF_8).then();
    }

    private boolean maySee(String caller, String account) {
        if (superAdmins.contains(caller)) {
            return true;
        }
        for (String a = account; a != null; a = parents.get(a)) {
            if (a.equals(caller)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code account_id} claim of a JWT, or null when it has none or is no JWT. */
    private static String accountOf(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String account = claims.path("account_id").asText(null);
            return account == null || account.isEmpty() ? null : account;
        } catch (IllegalArgumentException | AssertionError e) {
            return null;
        }
    }

    private static String key(String token, String account) {
        return account + " " + token;
    }
}
