package io.wormhole.gateway.auth;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.RSAKey;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Kazoo's token keys as Crossbar serves them: {@code GET {url}/v2/auth/keys/{KEY_ID}}
 * for the {@code kid} a token names, asked with {@code Accept: application/x-pem-file}
 * and the token itself as {@code X-Auth-Token} (Crossbar serves keys to authenticated
 * account admins only, {@code cb_auth.erl}). The answer is a PKCS#1 PEM body, or the
 * JSON envelope {@code {"data":{"public_key_pem":"..."}}} when Crossbar answers JSON.
 *
 * <p>Answers live in a bounded Caffeine {@link AsyncCache} keyed by kid: a key for
 * {@value #KNOWN_KEY_HOURS} h, a miss (404 or any other status but 401 and 403, no answer
 * within the timeout, a body that holds no key) for {@value #RETRY_SECONDS} s, so one kid
 * is asked for at most that often. A 401 or 403 refuses the asking token, not the kid,
 * and is not kept. Concurrent tokens naming one kid share one request. A
 * flood of forged kids does not become a flood of requests: a kid that is not of the
 * form of a Kazoo key id is never asked for, and at most {@value #NEW_KIDS_PER_WINDOW}
 * requests for kids not in the cache start per {@value #RETRY_SECONDS} s.
 *
 * <p>Threading: {@link #learn} only starts the request (Reactor Netty, non-blocking);
 * {@link #key} reads the cache and never waits. Thread-safe.
 */
final class CrossbarKeys {
    static final int RETRY_SECONDS = 30;
    static final int NEW_KIDS_PER_WINDOW = 5;
    static final int KNOWN_KEY_HOURS = 1;
    static final long MAX_KIDS = 1_000;
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Logger log = LoggerFactory.getLogger(CrossbarKeys.class);
    private static final ObjectReader JSON = new ObjectMapper().reader();

    private final HttpClient http;
    private final AsyncCache<String, Answer> keys;
    private final Ticker ticker;
    private final Duration timeout;
    private long windowStart; // guarded by this
    private int newKidsInWindow; // guarded by this

    /**
     * @param baseUrl Crossbar's base URL without a trailing slash, e.g. {@code http://crossbar:8000}
     * @param timeout how long one request (connect, request, answer) may take
     * @param ticker  the cache's and the window's clock (tests move it by hand)
     */
    CrossbarKeys(String baseUrl, Duration timeout, Ticker ticker) {
        this.ticker = ticker;
        this.timeout = timeout;
        this.windowStart = ticker.read();
        this.http = HttpClient.create()
                .baseUrl(baseUrl)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout);
        this.keys = Caffeine.newBuilder()
                // a key for hours, a miss for RETRY_SECONDS, counted from the answer, not
                // from when the cache noticed the completed future
                .expireAfter(Expiry.<String, Answer>writing((kid, a) ->
                        Duration.ofNanos(Math.max(0, a.answeredAt() + a.lifetimeNanos() - ticker.read()))))
                .maximumSize(MAX_KIDS)
                .ticker(ticker)
                .buildAsync();
    }

    /**
     * Completes when the key of {@code kid} is known, or known to be unavailable for now;
     * never errors. {@code token} is the token naming it, sent to Crossbar.
     */
    Mono<Void> learn(String kid, String token) {
        if (kid == null || !KID.matcher(kid).matches()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            CompletableFuture<Answer> known = keys.getIfPresent(kid);
            if (known != null && known.isDone() && stale(known.getNow(null))) {
                // the cache expires it too, but only once it has noticed the completion
                keys.asMap().remove(kid, known);
                known = null;
            }
            if (known == null) {
                if (!mayAskForNewKid()) {
                    return Mono.empty();
                }
                known = keys.get(kid, (k, executor) -> fetch(k, token).toFuture());
            }
            CompletableFuture<Answer> pending = known;
            return Mono.fromFuture(pending, true).doOnNext(a -> {
                if (a.refusedToken()) {
                    keys.asMap().remove(kid, pending);
                }
            }).then();
        });
    }

    /** The key of {@code kid} when it is known now. */
    Optional<RSAKey> key(String kid) {
        CompletableFuture<Answer> known = kid == null ? null : keys.getIfPresent(kid);
        Answer answer = known != null && known.isDone() ? known.getNow(null) : null;
        return answer == null || stale(answer) ? Optional.empty() : Optional.ofNullable(answer.key());
    }

    private boolean stale(Answer answer) {
        return answer == null || ticker.read() - answer.answeredAt() >= answer.lifetimeNanos();
    }

    private synchronized boolean mayAskForNewKid() {
        long now = ticker.read();
        if (now - windowStart >= Duration.ofSeconds(RETRY_SECONDS).toNanos()) {
            windowStart = now;
            newKidsInWindow = 0;
        }
        return newKidsInWindow++ < NEW_KIDS_PER_WINDOW;
    }

    private Mono<Answer> fetch(String kid, String token) {
        return http.headers(h -> h.set("Accept", "application/x-pem-file").set("X-Auth-Token", token))
                .get()
                .uri("/v2/auth/keys/" + kid)
                .responseSingle((res, body) -> switch (res.status().code()) {
                    case 200 -> body.asString().defaultIfEmpty("")
                            .map(pem -> new Answer(parse(kid, pem), false, ticker.read()));
                    case 401, 403 -> Mono.fromSupplier(() -> new Answer(null, true, ticker.read()));
                    default -> Mono.error(new IllegalStateException("HTTP " + res.status().code()));
                })
                .timeout(timeout)
                .onErrorResume(e -> {
                    log.warn("Crossbar key {}: not available ({}); asked again in {} s at the earliest", kid,
                            e.getMessage(), RETRY_SECONDS);
                    return Mono.just(new Answer(null, false, ticker.read()));
                });
    }

    /** The key in a PEM body or in Crossbar's JSON envelope, labelled with its kid. */
    static RSAKey parse(String kid, String body) {
        String pem = body;
        if (body.trim().startsWith("{")) {
            try {
                JsonNode root = JSON.readTree(body);
                pem = root.path("data").path("public_key_pem").asText(root.path("public_key_pem").asText(""));
            } catch (IOException e) {
                throw new IllegalArgumentException("neither PEM nor JSON", e);
            }
        }
        List<RSAPublicKey> found = PemKeys.read(pem);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("the answer holds no RSA public key");
        }
        return new RSAKey.Builder(found.get(0)).keyID(kid).build();
    }

    /**
     * What Crossbar answered for a kid: its key, a miss (no key; kept for
     * {@value #RETRY_SECONDS} s), or a refusal of the token that asked, which says
     * nothing about the kid and is not kept, so that one forged token cannot shut out the
     * real key: the next token naming the kid asks again (within the window's bound).
     */
    private record Answer(RSAKey key, boolean refusedToken, long answeredAt) {
        long lifetimeNanos() {
            return key != null ? Duration.ofHours(KNOWN_KEY_HOURS).toNanos() : Duration.ofSeconds(RETRY_SECONDS).toNanos();
        }
    }
}
