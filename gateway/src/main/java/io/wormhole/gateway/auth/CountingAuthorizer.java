package io.wormhole.gateway.auth;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import reactor.core.publisher.Mono;

/**
 * Passes answers through unchanged and reports each refusal to {@link Rejections}: a
 * {@code false} as {@code forbidden}, an error as {@code unavailable}. Adds no thread
 * hop and no state.
 */
final class CountingAuthorizer implements AccountAuthorizer {
    private final AccountAuthorizer inner;
    private final Rejections rejections;

    CountingAuthorizer(AccountAuthorizer inner, Rejections rejections) {
        this.inner = inner;
        this.rejections = rejections;
    }

    @Override
    public Mono<Boolean> mayAccess(Identity identity, String token, String accountId) {
        return inner.mayAccess(identity, token, accountId)
                .doOnNext(allowed -> {
                    if (!allowed) {
                        rejections.account(Rejections.Reason.FORBIDDEN, identity, accountId,
                                accountId.equals("*") ? "not a super-admin" : "not this account or a descendant");
                    }
                })
                .doOnError(e -> rejections.account(Rejections.Reason.UNAVAILABLE, identity, accountId,
                        e instanceof ProtocolException && ((ProtocolException) e).code() == ErrorCode.UNAVAILABLE
                                ? String.join("; ", ((ProtocolException) e).errors())
                                : "unexpected " + e.getClass().getSimpleName()));
    }

    @Override
    public void close() {
        inner.close();
    }
}
