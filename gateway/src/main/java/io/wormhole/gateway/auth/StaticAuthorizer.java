package io.wormhole.gateway.auth;

import reactor.core.publisher.Mono;

/**
 * Answers from an {@link AccountTree} held in memory (an accounts file): for tests and
 * for deployments without Crossbar. Answers at once, on the caller's thread; never
 * unavailable.
 */
final class StaticAuthorizer implements AccountAuthorizer {
    private final AccountTree tree;

    StaticAuthorizer(AccountTree tree) {
        this.tree = tree;
    }

    @Override
    public Mono<Boolean> mayAccess(Identity identity, String token, String accountId) {
        return Mono.fromSupplier(() -> tree.maySee(identity.accountId(), accountId));
    }
}
