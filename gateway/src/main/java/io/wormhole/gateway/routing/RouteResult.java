package io.wormhole.gateway.routing;

import java.util.Objects;

/**
 * What {@link Hub#route} did with one AMQP delivery: how many frames it handed to
 * recipients, and why none when {@code frames} is 0. Immutable.
 *
 * <p>A delivery ends once, with one outcome, except one that is {@link Outcome#HELD}: that
 * one ends a second time, later, when its wait for its Account ends (the Hub reports that
 * second result to the listener it was built with), as {@link Outcome#DELIVERED},
 * {@link Outcome#NO_MATCH}, {@link Outcome#NO_ACCOUNT} or {@link Outcome#HOLD_OVERFLOW}.
 *
 * @param frames  frames handed to recipients; a recipient with two matching Subscriptions
 *                counts twice
 * @param outcome the named ending of this delivery
 */
public record RouteResult(int frames, Outcome outcome) {

    /** How a delivery ended, one counter per value. */
    public enum Outcome {
        /** At least one frame was handed to a recipient. */
        DELIVERED,
        /** No Subscription wants this RoutingKey in the Event's Account. */
        NO_MATCH,
        /** Some Subscription's pattern matched, but the body is not a JSON object. */
        MALFORMED_PAYLOAD,
        /**
         * Patterns matched and the Event's Account could not be found: nobody subscribed to
         * "*" took it, or it was held and no Account was learned within the wait ("*"
         * subscribers had it when it arrived).
         */
        NO_ACCOUNT,
        /**
         * The Event names no Account and waits for a later Event of its call or conference to
         * name it; "*" subscribers already had it ({@code frames} counts theirs). Its wait ends
         * with a second result.
         */
        HELD,
        /**
         * A held Event pushed out, unknown, by the bound on held Events (count or bytes) to make
         * room for a newer one; "*" subscribers had it when it arrived.
         */
        HOLD_OVERFLOW
    }

    static final RouteResult NO_MATCH = new RouteResult(0, Outcome.NO_MATCH);
    static final RouteResult MALFORMED_PAYLOAD = new RouteResult(0, Outcome.MALFORMED_PAYLOAD);
    static final RouteResult NO_ACCOUNT = new RouteResult(0, Outcome.NO_ACCOUNT);
    static final RouteResult HOLD_OVERFLOW = new RouteResult(0, Outcome.HOLD_OVERFLOW);

    public RouteResult {
        Objects.requireNonNull(outcome, "outcome");
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0: " + frames);
        }
        if (frames > 0 && outcome != Outcome.DELIVERED && outcome != Outcome.HELD
                || frames == 0 && outcome == Outcome.DELIVERED) {
            throw new IllegalArgumentException(outcome + " with " + frames + " frames");
        }
    }
}
