package io.wormhole.gateway.session;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wormhole.gateway.auth.AccountAuthorizer;
import io.wormhole.gateway.auth.TokenSigner;
import io.wormhole.gateway.auth.TokenVerifier;
import io.wormhole.gateway.routing.Hub;
import io.wormhole.protocol.CloseCode;
import io.wormhole.protocol.catalog.Catalog;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.PayloadForm;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A node's worth of session services for tests: a real catalogue, hub and token
 * verifier (trusting {@link #signer}), each token seeing its own account only, and the
 * broker bindings the test passes in. Sessions made here record the close codes asked
 * for instead of closing a socket.
 */
final class SessionFixture {
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    static final TokenSigner SIGNER = TokenSigner.generate();
    static final MessageCodec CODEC = new MessageCodec();
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);

    final SessionServices services;
    final List<CloseCode> closes = new CopyOnWriteArrayList<>();

    SessionFixture(BrokerBindings bindings) {
        this(bindings, Schedulers.parallel());
    }

    /** Sessions whose deadlines run on this timer; the auth timeout is {@link #AUTH_TIMEOUT}. */
    SessionFixture(BrokerBindings bindings, Scheduler timer) {
        SessionLimits limits = new SessionLimits(1000, 1 << 20, OverflowPolicy.DROP_OLDEST, 1000, 100, 100, 10,
                AUTH_TIMEOUT);
        this.services = new SessionServices(CODEC, Catalog.kazooDefault(),
                TokenVerifier.of(List.of(SIGNER.publicKey())), AccountAuthorizer.ownAccountOnly(),
                new Hub(CODEC, PayloadForm.KAZOO), bindings, limits, timer);
    }

    Session session() {
        return new Session("s-1", "127.0.0.1", services, closes::add);
    }

    static String token() {
        return SIGNER.sign(ACCOUNT, Duration.ofHours(1));
    }

    static String subscribe(String token, String... bindings) {
        StringBuilder list = new StringBuilder();
        for (String b : bindings) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(b).append('"');
        }
        return "{\"action\":\"subscribe\",\"request_id\":\"r-sub\",\"auth_token\":\"" + token
                + "\",\"data\":{\"bindings\":[" + list + "]}}";
    }

    static String ping(String token) {
        return "{\"action\":\"ping\",\"request_id\":\"r-ping\""
                + (token == null ? "" : ",\"auth_token\":\"" + token + "\"") + "}";
    }

    static String text(byte[] frame) {
        return new String(frame, UTF_8);
    }
}
