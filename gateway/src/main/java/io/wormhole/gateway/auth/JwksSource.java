package io.wormhole.gateway.auth;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The RSA keys of a JWKS document at a URL, fetched with Reactor Netty's HTTP client
 * (never blocking a caller), refreshed every {@code refresh}, and fetched again at once
 * (at most every {@value #MIN_REFETCH_SECONDS} s) when a token names a key id the
 * current set lacks, so a key rotation is picked up without a restart. Until the first
 * fetch succeeds the set is empty and every token is refused. A failed fetch keeps the
 * previous set. Thread-safe.
 */
final class JwksSource implements AutoCloseable {
    static final int MIN_REFETCH_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(JwksSource.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final HttpClient http = HttpClient.create().responseTimeout(TIMEOUT);
    private final Disposable.Composite running = Disposables.composite();
    private final AtomicLong lastFetchNanos = new AtomicLong(System.nanoTime() - Duration.ofDays(1).toNanos());
    private volatile List<RSAKey> keys = List.of();

    JwksSource(URI url, Duration refresh) {
        this.url = url;
        running.add(Flux.interval(Duration.ZERO, refresh).concatMap(t -> fetch()).subscribe());
    }

    /** The keys of the latest successful fetch. */
    List<RSAKey> keys() {
        return keys;
    }

    /** A token named a key id the set lacks: fetch again, unless that was done just now. */
    void unknownKeyId() {
        long now = System.nanoTime();
        long last = lastFetchNanos.get();
        if (now - last > Duration.ofSeconds(MIN_REFETCH_SECONDS).toNanos() && lastFetchNanos.compareAndSet(last, now)) {
            running.add(fetch().subscribe());
        }
    }

    private Mono<Void> fetch() {
        lastFetchNanos.set(System.nanoTime());
        return http.get().uri(url).responseSingle((res, body) -> res.status().code() == 200
                        ? body.asString()
                        : Mono.error(new IllegalStateException("HTTP " + res.status().code())))
                .timeout(TIMEOUT)
                .map(JwksSource::parse)
                .doOnNext(k -> {
                    keys = k;
                    log.info("JWKS {}: {} RSA key(s)", url, k.size());
                })
                .onErrorResume(e -> {
                    log.warn("JWKS {}: fetch failed ({}); keeping {} key(s)", url, e.getMessage(), keys.size());
                    return Mono.empty();
                })
                .then();
    }

    static List<RSAKey> parse(String json) {
        try {
            List<RSAKey> out = new ArrayList<>();
            for (JWK k : JWKSet.parse(json).getKeys()) {
                if (k instanceof RSAKey) {
                    out.add(((RSAKey) k).toPublicJWK());
                }
            }
            return List.copyOf(out);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWKS document: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running.dispose();
    }
}
