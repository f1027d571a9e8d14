package io.wormhole.gateway.auth;

import reactor.core.publisher.Mono;

/**
 * Answers "may this identity see that account?" ({@code "*"} = every account).
 * Implementations never block the subscriber's thread; an answer they cannot get
 * is an error signal carrying a {@link io.wormhole.protocol.ProtocolException} with
 * code {@code unavailable}.
 */
public interface AccountAuthorizer {

    Mono<Boolean> mayAccess(Identity identity, String token, String accountId);

    /** Without a directory of accounts: a token sees its own account and nothing else. */
    static AccountAuthorizer ownAccountOnly() {
        return (identity, token, accountId) -> Mono.just(identity.accountId().equals(accountId));
    }
}
