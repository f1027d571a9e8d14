package io.wormhole.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A stand-in for Crossbar's {@code GET /v2/accounts/{id}} on an ephemeral port: 401 for
 * an unknown {@code X-Auth-Token}, 200 with the account document when the token's
 * account is the account itself, an ancestor of it or a super-admin, 403 otherwise.
 * {@link #failWith} and {@link #delay} make it misbehave; {@link #requests} counts the
 * lookups it received. It also serves Kazoo's token keys, {@code GET /v2/auth/keys/{KEY_ID}}
 * ({@link #serveKey}): the PEM body when asked with {@code Accept: application/x-pem-file},
 * else Crossbar's JSON envelope; 404 for an unknown key, 401 for a token it refuses
 * ({@link #refuseKeyTokens}); {@link #keyRequests} counts those. Thread-safe.
 */
final class FakeCrossbar implements AutoCloseable {
    private final Map<String, String> accountOfToken;
    private final Map<String, String> parents;
    private final Set<String> superAdmins;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> seenTokens = new CopyOnWriteArrayList<>();
    private final AtomicReference<Integer> failure = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final Map<String, String> pemOfKid = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger keyRequests = new AtomicInteger();
    private final List<String> keyAccepts = new CopyOnWriteArrayList<>();
    private final AtomicReference<java.util.function.Predicate<String>> refusedKeyToken =
            new AtomicReference<>(t -> false);
    private final DisposableServer server;

    FakeCrossbar(Map<String, String> accountOfToken, Map<String, String> parents, Set<String> superAdmins) {
        this.accountOfToken = Map.copyOf(accountOfToken);
        this.parents = Map.copyOf(parents);
        this.superAdmins = Set.copyOf(superAdmins);
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/v2/accounts/{id}", this::account).get("/v2/auth/keys/{kid}", this::key))
                .bindNow();
    }

    /** The fixture's tree, super-admin and tokens. */
    static FakeCrossbar ofFixture() {
        return new FakeCrossbar(Fixture.tokens(), Fixture.PARENTS, Fixture.SUPER_ADMINS);
    }

    /** A base URL at which nothing listens: connecting is refused. */
    static String unreachableUrl() {
        DisposableServer s = HttpServer.create().host("127.0.0.1").port(0).bindNow();
        int port = s.port();
        s.disposeNow();
        return "http://127.0.0.1:" + port;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    int requests() {
        return requests.get();
    }

    /** The X-Auth-Token of every request received, in order. */
    List<String> seenTokens() {
        return List.copyOf(seenTokens);
    }

    /** From now on every lookup is answered with this status (null: behave again). */
    void failWith(Integer status) {
        failure.set(status);
    }

    /** Serves this PEM text as the public key {@code kid}. */
    void serveKey(String kid, String pem) {
        pemOfKid.put(kid, pem);
    }

    /** Key requests whose X-Auth-Token passes this test are answered 401 from now on. */
    void refuseKeyTokens(java.util.function.Predicate<String> refused) {
        refusedKeyToken.set(refused);
    }

    int keyRequests() {
        return keyRequests.get();
    }

    /** The Accept header of every key request received, in order. */
    List<String> keyAccepts() {
        return List.copyOf(keyAccepts);
    }

    /** From now on every answer is sent this late. */
    void delay(Duration d) {
        delay.set(d);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    private Mono<Void> account(HttpServerRequest request, HttpServerResponse response) {
        requests.incrementAndGet();
        String token = request.requestHeaders().get("X-Auth-Token");
        seenTokens.add(String.valueOf(token));
        String account = request.param("id");
        Integer failing = failure.get();
        HttpResponseStatus status;
        String body;
        if (failing != null) {
            status = HttpResponseStatus.valueOf(failing);
            body = "{\"status\":\"error\"}";
        } else if (token == null || !accountOfToken.containsKey(token)) {
            status = HttpResponseStatus.UNAUTHORIZED;
            body = "{\"status\":\"error\",\"message\":\"invalid credentials\"}";
        } else if (!maySee(accountOfToken.get(token), account)) {
            status = HttpResponseStatus.FORBIDDEN;
            body = "{\"status\":\"error\",\"message\":\"forbidden\"}";
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
        String accept = String.valueOf(request.requestHeaders().get("Accept"));
        keyAccepts.add(accept);
        String token = request.requestHeaders().get("X-Auth-Token");
        String pem = pemOfKid.get(request.param("kid"));
        Integer failing = failure.get();
        HttpResponseStatus status = failing != null ? HttpResponseStatus.valueOf(failing)
                : token == null || refusedKeyToken.get().test(token) ? HttpResponseStatus.UNAUTHORIZED
                : pem == null ? HttpResponseStatus.NOT_FOUND
                : HttpResponseStatus.OK;
        boolean asPem = status == HttpResponseStatus.OK && accept.contains("application/x-pem-file");
        String body = status != HttpResponseStatus.OK ? "{\"status\":\"error\"}"
                : asPem ? pem
                : "{\"data\":{\"public_key_pem\":\"" + pem.replace("\n", "\\n") + "\"},\"status\":\"success\"}";
        return Mono.delay(delay.get())
                .then(response.status(status)
                        .header("Content-Type", asPem ? "application/x-pem-file" : "application/json")
                        .sendString(Mono.just(body), StandardCharsets.UTF_8).then());
    }

    private boolean maySee(String viewer, String account) {
        if (superAdmins.contains(viewer)) {
            return true;
        }
        for (String a = account; a != null; a = parents.get(a)) {
            if (a.equals(viewer)) {
                return true;
            }
        }
        return false;
    }
}
