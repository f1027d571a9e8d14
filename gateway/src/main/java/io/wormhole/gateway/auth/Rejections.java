package io.wormhole.gateway.auth;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Counts and logs every refusal of a token or of an account: the metric
 * {@value #METRIC} (Prometheus {@code wormhole_auth_rejections_total}) with one
 * {@code reason} tag per {@link Reason}, and one log line naming the token by its
 * digest only. Every reason is registered at zero when the first instance for a
 * registry is made, so that dashboards see the series before the first refusal.
 *
 * <p>Thread-safe; called from event loops (a counter increment and one log call).
 */
final class Rejections {
    static final String METRIC = "wormhole.auth.rejections";
    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    /** Why a request was refused; the tag value is the lower-case name. */
    enum Reason {
        /** Malformed, forged (bad signature, unknown key, refused algorithm) or lacking claims. */
        TOKEN_INVALID,
        /** Correctly signed but past its {@code exp} (or before its {@code nbf}). */
        TOKEN_EXPIRED,
        /** A valid token asked for an account it may not see. */
        FORBIDDEN,
        /** The authorisation service gave no usable answer. */
        UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Counter[] counters;

    private Rejections(MeterRegistry registry) {
        Reason[] reasons = Reason.values();
        counters = new Counter[reasons.length];
        for (Reason r : reasons) {
            counters[r.ordinal()] = Counter.builder(METRIC)
                    .description("requests refused by authentication or authorisation, by reason")
                    .tag("reason", r.tag())
                    .register(registry);
        }
    }

    /** Counts into this registry; instances on one registry share their counters. */
    static Rejections in(MeterRegistry registry) {
        return new Rejections(registry);
    }

    /** Logs but counts nowhere anyone looks: for a verifier or authorizer not yet wired to metrics. */
    static Rejections uncounted() {
        return new Rejections(new SimpleMeterRegistry());
    }

    /** A token was refused before any account was looked at. */
    void token(Reason reason, String tokenDigest, String why) {
        counters[reason.ordinal()].increment();
        log.info("refused token {}: {}", tokenDigest, why);
    }

    /** A verified token was refused the account it asked for ({@code "*"} = every account). */
    void account(Reason reason, Identity who, String account, String why) {
        counters[reason.ordinal()].increment();
        if (reason == Reason.UNAVAILABLE) {
            log.warn("could not decide whether token {} (account {}) may see account {}: {}",
                    who.tokenDigest(), who.accountId(), account, why);
        } else {
            log.info("refused token {} (account {}) access to account {}: {}",
                    who.tokenDigest(), who.accountId(), account, why);
        }
    }

    /** How many refusals of this reason were counted (for tests). */
    double count(Reason reason) {
        return counters[reason.ordinal()].count();
    }
}
