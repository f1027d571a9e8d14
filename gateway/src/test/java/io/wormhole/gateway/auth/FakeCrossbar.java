package io.wormhole.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import com.nimbusds.jwt.SignedJWT;

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
 * Plays Kazoo's Crossbar: {@code GET /v2/accounts/{id}} on an ephemeral port. 401 when
 * the {@code X-Auth-Token} names no caller, 200 with the account document when the
 * caller is the account itself, one of its ancestors or a super-admin, 403 otherwise. A
 * document's {@code data.superduper_admin} is true for the super-admins.
 * {@link #failWith} and {@link #delay} make it misbehave; {@link #requests} and
 * {@link #lookups(String, String)} count the lookups it received. It also serves Kazoo's
 * token keys, {@code GET /v2/auth/keys/{KEY_ID}} ({@link #serveKey}): the PEM body when
 * asked with {@code Accept: application/x-pem-file}, else Crossbar's JSON envelope; 404 for
 * an unknown key, 401 without a token or for one it refuses ({@link #refuseKeyTokens});
 * {@link #keyRequests} counts those. Shared by the
 * gateway's unit tests and the it-tests (through the gateway's test-jar). Thread-safe.
 */
public final class FakeCrossbar implements AutoCloseable {
    /** The caller a token names, or null for an unknown one. */
    private final UnaryOperator<String> callerOfToken;
    private final Map<String, String> parents;
    private final Set<String> superAdmins;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private final List<String> seenTokens = new CopyOnWriteArrayList<>();
    private final AtomicReference<Integer> failure = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    /** Every connection accepted, so that going down also ends the keep-alive ones. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<String, String> pemOfKid = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger keyRequests = new AtomicInteger();
    private final List<String> keyAccepts = new CopyOnWriteArrayList<>();
    private final AtomicReference<java.util.function.Predicate<String>> refusedKeyToken =
            new AtomicReference<>(t -> false);
    private final DisposableServer server;

    /**
     * @param callerOfToken the account a token stands for, null for an unknown token
     * @param parents       each child account's parent (roots are not listed)
     * @param superAdmins   accounts that may see every account
     */
    FakeCrossbar(UnaryOperator<String> callerOfToken, Map<String, String> parents, Set<String> superAdmins) {
        this.callerOfToken = callerOfToken;
        this.parents = Map.copyOf(parents);
        this.superAdmins = Set.copyOf(superAdmins);
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .channelGroup(connections)
                .route(r -> r.get("/v2/accounts/{id}", this::account).get("/v2/auth/keys/{kid}", this::key))
                .bindNow();
    }

    /** The fixture's tree, super-admin and tokens. */
    static FakeCrossbar ofFixture() {
        Map<String, String> tokens = Fixture.tokens();
        return new FakeCrossbar(tokens::get, Fixture.PARENTS, Fixture.SUPER_ADMINS);
    }

    /**
     * A Crossbar whose caller is the {@code account_id} claim of the token, read without
     * checking the signature (that is the gateway's business, not Crossbar's here).
     */
    public static FakeCrossbar readingAccountClaim(Map<String, String> parents, Set<String> superAdmins) {
        return new FakeCrossbar(FakeCrossbar::accountClaim, parents, superAdmins);
    }

    /** A base URL at which nothing listens: connecting is refused. */
    static String unreachableUrl() {
        DisposableServer s = HttpServer.create().host("127.0.0.1").port(0).bindNow();
        int port = s.port();
        s.disposeNow();
        return "http://127.0.0.1:" + port;
    }

    /** The base URL, for {@code GATEWAY_CROSSBAR_URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** How many lookups were received in all. */
    public int requests() {
        return requests.get();
    }

    /** How many lookups of this account with this token were received. */
    public int lookups(String token, String accountId) {
        AtomicInteger n = lookups.get(key(token, accountId));
        return n == null ? 0 : n.get();
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
    public void serveKey(String kid, String pem) {
        pemOfKid.put(kid, pem);
    }

    /** Key requests whose X-Auth-Token passes this test are answered 401 from now on. */
    public void refuseKeyTokens(java.util.function.Predicate<String> refused) {
        refusedKeyToken.set(refused);
    }

    public int keyRequests() {
        return keyRequests.get();
    }

    /** The Accept header of every key request received, in order. */
    public List<String> keyAccepts() {
        return List.copyOf(keyAccepts);
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
        requests.incrementAndGet();
        lookups.computeIfAbsent(key(token, account), k -> new AtomicInteger()).incrementAndGet();
        seenTokens.add(String.valueOf(token));
        String caller = token == null ? null : callerOfToken.apply(token);
        Integer failing = failure.get();
        HttpResponseStatus status;
        String body;
        if (failing != null) {
            status = HttpResponseStatus.valueOf(failing);
            body = "{\"status\":\"error\"}";
        } else if (caller == null) {
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
    private static String accountClaim(String token) {
        try {
            String account = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("account_id");
            return account == null || account.isEmpty() ? null : account;
        } catch (ParseException e) {
            return null;
        }
    }

    private static String key(String token, String account) {
        return account + " " + token;
    }
}
