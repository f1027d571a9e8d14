package io.wormhole.gateway.auth;

import java.nio.file.Path;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Ticker;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Answers "may this identity see that account?" ({@code "*"} = every account).
 * Implementations never block the subscriber's thread; an answer they cannot get
 * is an error signal carrying a {@link io.wormhole.protocol.ProtocolException} with
 * code {@code unavailable}. All implementations are thread-safe.
 */
public interface AccountAuthorizer extends AutoCloseable {

    Mono<Boolean> mayAccess(Identity identity, String token, String accountId);

    /** Frees what the authorizer holds (Crossbar: its connection pool); nothing by default. */
    @Override
    default void close() {
    }

    /** Without a directory of accounts: a token sees its own account and nothing else. */
    static AccountAuthorizer ownAccountOnly() {
        return (identity, token, accountId) -> Mono.just(identity.accountId().equals(accountId));
    }

    /**
     * Asks Crossbar ({@code GET {baseUrl}/v2/accounts/{id}} with the token as
     * {@code X-Auth-Token}) and reuses each answer for {@code cacheTtl}; concurrent
     * identical questions share one request.
     *
     * @param baseUrl e.g. {@code http://crossbar:8000}, without {@code /v2}
     */
    static AccountAuthorizer crossbar(String baseUrl, Duration cacheTtl) {
        return new CrossbarAuthorizer(baseUrl, cacheTtl, CrossbarAuthorizer.LOOKUP_TIMEOUT, Ticker.systemTicker());
    }

    /**
     * Answers from the account trees and super-admins of an accounts file, read now.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static AccountAuthorizer fromFile(Path file) {
        return new StaticAuthorizer(AccountTree.read(file));
    }

    /**
     * The same answers, with every refusal counted in {@code wormhole_auth_rejections_total}
     * of this registry ({@code reason} {@code forbidden} for a no, {@code unavailable} for
     * an error) and logged by token digest.
     */
    default AccountAuthorizer countingRejectionsIn(MeterRegistry registry) {
        return new CountingAuthorizer(this, Rejections.in(registry));
    }
}
