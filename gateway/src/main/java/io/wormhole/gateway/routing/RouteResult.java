package io.wormhole.gateway.routing;

import java.util.Objects;

/**
 * What {@link Hub#route} did with one AMQP delivery: how many frames it handed to
 * recipients, and why none when {@code frames} is 0. Immutable.
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
        /** Patterns matched, the Event's Account could not be found, and nobody subscribed to "*". */
        NO_ACCOUNT
    }

    static final RouteResult NO_MATCH = new RouteResult(0, Outcome.NO_MATCH);
    static final RouteResult MALFORMED_PAYLOAD = new RouteResult(0, Outcome.MALFORMED_PAYLOAD);
    static final RouteResult NO_ACCOUNT = new RouteResult(0, Outcome.NO_ACCOUNT);

    public RouteResult {
        Objects.requireNonNull(outcome, "outcome");
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0: " + frames);
        }
        if ((frames > 0) != (outcome == Outcome.DELIVERED)) {
            throw new IllegalArgumentException(outcome + " with " + frames + " frames");
        }
    }
}
