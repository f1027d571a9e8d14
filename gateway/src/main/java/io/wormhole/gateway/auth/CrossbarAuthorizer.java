package io.wormhole.gateway.auth;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Asks Kazoo's Crossbar, which knows the reseller trees and the token's rights.
 *
 * <p>Design: one lookup is {@code GET {url}/v2/accounts/{id}} with the token as
 * {@code X-Auth-Token}. 200 means the token may see the account, 401 or 403 that it may
 * not; any other status, a failure to connect or no answer within the timeout makes the
 * request fail with {@code unavailable}. {@code "*"} is answered by looking up the
 * token's own account: allowed when that lookup is 200 and its document says
 * {@code data.superduper_admin: true}. The token's own account is asked too, not
 * assumed: Crossbar may have disabled it or stopped honouring the token.
 *
 * <p>Answers live in a Caffeine {@link AsyncCache} keyed by (token digest, account
 * looked up), never by the token. The cache holds the lookup's future, so concurrent
 * callers of one key share the one request in flight. A yes or no is reused for the
 * TTL counted from when Crossbar answered; a failed lookup is an answer that expires at
 * once. A failed answer is removed before its caller hears of it, so that a retry asks
 * again; an answer already stale when a caller asked is never served to it (the caller
 * asks Crossbar again). At most
 * {@value #MAX_ENTRIES} answers are kept; at most {@value #MAX_CONNECTIONS} requests
 * run at once and {@value #MAX_PENDING} wait, beyond that a lookup is unavailable.
 *
 * <p>Threading: {@link #mayAccess} only starts the request (Reactor Netty, non-blocking)
 * and returns; the answer is signalled on the HTTP client's event loop, or on the
 * caller's thread when it was cached. Cancelling one caller never cancels the request
 * the others wait for.
 */
final class CrossbarAuthorizer implements AccountAuthorizer {
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    static final long MAX_ENTRIES = 100_000;
    static final int MAX_CONNECTIONS = 64;
    static final int MAX_PENDING = 10_000;
    private static final Set<Integer> DENIED_STATUSES = Set.of(401, 403);
    private static final Logger log = LoggerFactory.getLogger(CrossbarAuthorizer.class);
    private static final ObjectReader JSON = new ObjectMapper().reader();

    private final ConnectionProvider pool;
    private final HttpClient http;
    private final AsyncCache<Key, Answer> answers;
    private final Ticker ticker;
    private final long ttlNanos;
    private final Duration timeout;

    /**
     * @param baseUrl  Crossbar's base URL without a trailing slash, e.g. {@code http://crossbar:8000}
     * @param ttl      how long an answer is reused; zero reuses nothing beyond concurrent lookups
     * @param timeout  how long one lookup (connect, request, answer) may take
     * @param ticker   the cache's clock (tests move it by hand)
     */
    CrossbarAuthorizer(String baseUrl, Duration ttl, Duration timeout, Ticker ticker) {
        this.ticker = ticker;
        this.ttlNanos = ttl.toNanos();
        this.timeout = timeout;
        this.pool = ConnectionProvider.builder("crossbar")
                .maxConnections(MAX_CONNECTIONS)
                .pendingAcquireMaxCount(MAX_PENDING)
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.http = HttpClient.create(pool)
                .baseUrl(baseUrl)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout)
                .headers(h -> h.set("Accept", "application/json"));
        this.answers = Caffeine.newBuilder()
                .expireAfter(new UntilStale(ttlNanos))
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .buildAsync();
    }

    @Override
    public Mono<Boolean> mayAccess(Identity identity, String token, String accountId) {
        boolean everyAccount = accountId.equals("*");
        String asked = everyAccount ? identity.accountId() : accountId;
        boolean own = asked.equals(identity.accountId());
        Key key = new Key(TokenVerifier.digest(token), asked);
        return answer(key, token, own).map(a -> everyAccount ? a.allowed() && a.superAdmin() : a.allowed());
    }

    /**
     * The cached answer if it is fresh for a caller asking now, else a new lookup's. The
     * cache expires answers too, but only once it has noticed the completed lookup, which
     * happens in a callback after the callers' own: a caller that asks again in between
     * is handed the old lookup as if it were still in flight. Such an answer is removed
     * and asked again, never served. Ends: a new lookup's answer is fresh by construction.
     */
    private Mono<Answer> answer(Key key, String token, boolean own) {
        return Mono.defer(() -> {
            long askedAt = ticker.read();
            CompletableFuture<Answer> pending = answers.get(key, (k, executor) -> lookup(token, k, own).toFuture());
            return Mono.fromFuture(pending, true).flatMap(a -> {
                if (a.why() != null) {
                    answers.asMap().remove(key, pending);
                    return Mono.error(unavailable(a.why()));
                }
                if (a.answeredAt() < askedAt && askedAt - a.answeredAt() >= ttlNanos) {
                    answers.asMap().remove(key, pending);
                    return answer(key, token, own);
                }
                return Mono.just(a);
            });
        });
    }

    /** Frees the connection pool; answers already cached stay usable. */
    @Override
    public void close() {
        pool.dispose();
    }

    /** The keys of the answers held now (for tests: they must never contain a token). */
    Set<Key> cachedKeys() {
        return Set.copyOf(answers.asMap().keySet());
    }

    /** Never fails: every outcome, including no answer, is an {@link Answer}. */
    private Mono<Answer> lookup(String token, Key key, boolean own) {
        return http.headers(h -> h.set("X-Auth-Token", token))
                .get()
                .uri("/v2/accounts/" + URLEncoder.encode(key.account(), StandardCharsets.UTF_8))
                .responseSingle((response, body) -> {
                    int status = response.status().code();
                    log.debug("crossbar: token {} asked for account {}: HTTP {}", key.tokenDigest(),
                            key.account(), status);
                    if (status == 200) {
                        return body.asByteArray().defaultIfEmpty(new byte[0])
                                .map(bytes -> new Answer(true, own && superAdmin(bytes), null, ticker.read()));
                    }
                    Answer answer = DENIED_STATUSES.contains(status) ? new Answer(false, false, null, ticker.read())
                            : Answer.unavailable("Crossbar answered HTTP " + status);
                    return body.asByteArray().then(Mono.just(answer));
                })
                .timeout(timeout)
                .onErrorResume(e -> {
                    log.debug("crossbar: token {} asked for account {}: {}", key.tokenDigest(), key.account(),
                            e.toString());
                    return Mono.just(Answer.unavailable(
                            e instanceof TimeoutException || e instanceof ReadTimeoutException
                                    ? "Crossbar did not answer within " + timeout.toMillis() + " ms"
                                    : e instanceof IOException ? "Crossbar could not be reached"
                                    : "the Crossbar lookup failed"));
                });
    }

    /** {@code data.superduper_admin} of an account document; anything but {@code true} is false. */
    private static boolean superAdmin(byte[] document) {
        try {
            JsonNode root = JSON.readTree(document);
            JsonNode flag = root == null ? null : root.path("data").path("superduper_admin");
            return flag != null && flag.isBoolean() && flag.booleanValue();
        } catch (IOException e) {
            return false;
        }
    }

    private static ProtocolException unavailable(String why) {
        return new ProtocolException(ErrorCode.UNAVAILABLE,
                "authorisation is unavailable (" + why + "); retry later");
    }

    /** A cache key: the token's digest (never the token) and the account looked up. */
    record Key(String tokenDigest, String account) {
    }

    /**
     * What Crossbar said about one account for one token and when (cache ticker
     * nanos), or why it said nothing ({@code why} not null). A failure is a value rather
     * than an exception so that the cache can expire it at once.
     */
    private record Answer(boolean allowed, boolean superAdmin, String why, long answeredAt) {
        static Answer unavailable(String why) {
            return new Answer(false, false, why, 0);
        }
    }

    /**
     * A yes or no stays for the TTL from when Crossbar gave it (not from when the cache
     * noticed the completed future); a failure not at all.
     */
    private static final class UntilStale implements Expiry<Key, Answer> {
        private final long ttlNanos;

        UntilStale(long ttlNanos) {
            this.ttlNanos = ttlNanos;
        }

        @Override
        public long expireAfterCreate(Key key, Answer answer, long now) {
            return answer.why() != null ? 0 : Math.max(0, answer.answeredAt() + ttlNanos - now);
        }

        @Override
        public long expireAfterUpdate(Key key, Answer answer, long now, long currentDuration) {
            return expireAfterCreate(key, answer, now);
        }

        @Override
        public long expireAfterRead(Key key, Answer answer, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
