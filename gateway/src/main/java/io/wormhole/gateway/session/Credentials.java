package io.wormhole.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.wormhole.gateway.auth.Identity;
import io.wormhole.gateway.auth.TokenVerifier;
import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Who one session is: the token it authenticated with and the identity it gave, and the
 * timer that ends the session when that token expires, clock skew included (protocol §9:
 * 4401 unless a newer token arrived first). A message with a different token is verified and, if valid,
 * replaces both (refresh); an invalid one leaves them as they were. Thread-safe; the
 * verification itself runs outside the lock.
 */
final class Credentials {
    private final TokenVerifier verifier;
    private final Duration skew;
    private final Runnable onExpiry;
    private Identity identity; // guarded by this
    private String token;      // guarded by this
    private Disposable expiry; // guarded by this
    private boolean closed;    // guarded by this

    /**
     * @param skew     how long past {@code exp} a token still counts as valid: the same
     *                 clock skew the verifier allows, so a token it just accepted is not
     *                 declared expired at once
     * @param onExpiry runs (on a timer thread) when the current token expires
     */
    Credentials(TokenVerifier verifier, Duration skew, Runnable onExpiry) {
        this.verifier = verifier;
        this.skew = skew;
        this.onExpiry = onExpiry;
    }

    /**
     * The identity after this message's token (null: none sent) was taken into account.
     *
     * @throws ProtocolException {@code auth_required} before any token, {@code token_invalid}
     *                           for a bad or expired one
     */
    Identity authenticate(String presented) {
        String expired;
        synchronized (this) {
            if (presented == null || presented.equals(token)) {
                if (identity == null) {
                    throw new ProtocolException(ErrorCode.AUTH_REQUIRED,
                            "this socket has not authenticated yet: send auth_token");
                }
                if (Instant.now().isBefore(identity.expiresAt().plus(skew))) {
                    return identity;
                }
                expired = token;
            } else {
                expired = null;
            }
        }
        if (expired != null) {
            // Verified again so that the refusal is counted and logged like any other
            // (the timer closes the socket with 4401 at about this moment anyway).
            verifier.verify(expired);
            throw new ProtocolException(ErrorCode.TOKEN_INVALID, "failed to authenticate token: token expired");
        }
        Identity verified = verifier.verify(presented);
        synchronized (this) {
            identity = verified;
            token = presented;
            scheduleExpiry(verified);
        }
        return verified;
    }

    /** True once a valid token was presented (even if it has expired since). */
    synchronized boolean authenticated() {
        return identity != null;
    }

    /** The token of the current identity (the authorizer asks Crossbar with it). */
    synchronized String token() {
        return token;
    }

    /** Stops the expiry timer; the session is over. */
    synchronized void close() {
        closed = true;
        if (expiry != null) {
            expiry.dispose();
        }
    }

    // guarded by this
    private void scheduleExpiry(Identity who) {
        if (expiry != null) {
            expiry.dispose();
        }
        long delay = Math.max(0, Duration.between(Instant.now(), who.expiresAt().plus(skew)).toMillis());
        expiry = Schedulers.parallel().schedule(() -> {
            synchronized (this) {
                if (identity != who || closed) {
                    return; // refreshed in time, or over anyway
                }
            }
            onExpiry.run();
        }, delay, TimeUnit.MILLISECONDS);
    }
}
