package io.wormhole.gateway.session;

import java.time.Duration;

import io.wormhole.gateway.auth.AccountAuthorizer;
import io.wormhole.gateway.auth.TokenVerifier;
import io.wormhole.gateway.routing.Hub;
import io.wormhole.protocol.catalog.Catalog;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.PayloadForm;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Session services for tests without a broker: the built-in catalogue, each token's own
 * account only, broker bindings granted at once, small limits (10 bindings, 100 frames).
 */
public final class TestServices {
    private TestServices() {
    }

    /** Services verifying tokens with this verifier. */
    public static SessionServices verifyingWith(TokenVerifier verifier) {
        MessageCodec codec = new MessageCodec();
        BrokerBindings granted = new BrokerBindings() {
            @Override
            public Mono<Void> acquire(String exchange, String pattern) {
                return Mono.empty();
            }

            @Override
            public void release(String exchange, String pattern) {
            }
        };
        return new SessionServices(codec, Catalog.kazooDefault(), verifier, AccountAuthorizer.ownAccountOnly(),
                new Hub(codec, PayloadForm.KAZOO), granted,
                new SessionLimits(100, 1 << 20, OverflowPolicy.DROP_OLDEST, 10, 10, 100, 10, Duration.ofSeconds(30)),
                Schedulers.parallel());
    }
}
