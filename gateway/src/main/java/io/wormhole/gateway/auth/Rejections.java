package io.wormhole.gateway.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Counts and logs every refusal of a token or of an account: the metric
 * {@value #METRIC} (Prometheus {@code wormhole_auth_rejections_total}) with one
 * {@code reason} tag per {@link Reason}, and a log line naming the token by its
 * digest only, at most {@value #LINES_PER_WINDOW} lines per {@link #WINDOW} per instance
 * (the next line after a full window says how many were left out). Every reason is registered at zero when the first instance for a
 * registry is made, so that dashboards see the series before the first refusal.
 *
 * <p>Thread-safe; called from event loops (a counter increment and one log call).
 */
final class Rejections {
    static final String METRIC = "wormhole.auth.rejections";
    /** At most this many refusal lines per {@link #WINDOW} and instance; the rest are only counted. */
    static final int LINES_PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofSeconds(10);
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
    private final LongSupplier clock;
    private long windowStart;    // guarded by this
    private int linesInWindow;   // guarded by this
    private long leftOut;        // guarded by this
    private boolean started;     // guarded by this

    private Rejections(MeterRegistry registry, LongSupplier clock) {
        this.clock = clock;
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
        return new Rejections(registry, System::nanoTime);
    }

    /** Like {@link #in(MeterRegistry)}, with the clock that paces the log lines (tests). */
    static Rejections in(MeterRegistry registry, LongSupplier nanoClock) {
        return new Rejections(registry, nanoClock);
    }

    /** Logs but counts nowhere anyone looks: for a verifier or authorizer not yet wired to metrics. */
    static Rejections uncounted() {
        return new Rejections(new SimpleMeterRegistry(), System::nanoTime);
    }

    /** A token was refused before any account was looked at. */
    void token(Reason reason, String tokenDigest, String why) {
        counters[reason.ordinal()].increment();
        long before = admitLine();
        if (before >= 0) {
            log.info("refused token {}: {}{}", tokenDigest, why, leftOutNote(before));
        }
    }

    /** A verified token was refused the account it asked for ({@code "*"} = every account). */
    void account(Reason reason, Identity who, String account, String why) {
        counters[reason.ordinal()].increment();
        long before = admitLine();
        if (before < 0) {
            return;
        }
        if (reason == Reason.UNAVAILABLE) {
            log.warn("could not decide whether token {} (account {}) may see account {}: {}{}",
                    who.tokenDigest(), who.accountId(), account, why, leftOutNote(before));
        } else {
            log.info("refused token {} (account {}) access to account {}: {}{}",
                    who.tokenDigest(), who.accountId(), account, why, leftOutNote(before));
        }
    }

    /**
     * Whether this refusal gets a log line: -1 when the window's lines are spent (it is
     * only counted), else how many were left out since the last line. Unauthenticated
     * clients choose how often they are refused, so they must not choose the log's size.
     */
    private synchronized long admitLine() {
        long now = clock.getAsLong();
        if (!started || now - windowStart >= WINDOW.toNanos()) {
            started = true;
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow >= LINES_PER_WINDOW) {
            leftOut++;
            return -1;
        }
        linesInWindow++;
        long before = leftOut;
        leftOut = 0;
        return before;
    }

    private static String leftOutNote(long leftOut) {
        return leftOut == 0 ? "" : " (" + leftOut + " more refusals not logged)";
    }

    /** How many refusals of this reason were counted (for tests). */
    double count(Reason reason) {
        return counters[reason.ordinal()].count();
    }
}
