package io.wormhole.perf.gatling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every knob of {@link SubscribeHoldSimulation}, read once from system properties
 * ({@code -Dusers=1000} on the Maven command line is forwarded by the Gatling plugin).
 *
 * <p><b>Publish window.</b> Users arrive over {@code ramp} and each holds its socket for
 * {@code hold} after subscribing, so every user is subscribed during
 * [ramp + settle, hold - drain) after the simulation starts, and only then does the
 * publisher publish. That makes the expected count of each user exact: every Event its
 * account and binding match. {@code settle} must cover the slowest subscribe and
 * {@code drain} the slowest delivery; a user that subscribed late is reported apart.
 */
record LoadSettings(
        int users,
        Duration ramp,
        Duration hold,
        Duration settle,
        Duration drain,
        int accounts,
        List<String> bindings,
        List<String> events,
        int rate,
        String wsUrl,
        String amqpHost,
        int amqpPort,
        Path keysDir,
        int bufferSize,
        Path summaryFile) {

    LoadSettings {
        if (users < 1 || accounts < 1 || rate < 1 || bufferSize < 1) {
            throw new IllegalArgumentException("users, accounts, rate and bufferSize must be at least 1");
        }
        if (bindings.isEmpty() || events.isEmpty()) {
            throw new IllegalArgumentException("bindings and events must not be empty");
        }
        // the accessors read fields, which a compact constructor assigns only at its end
        if (hold.minus(drain).compareTo(ramp.plus(settle)) <= 0) {
            throw new IllegalArgumentException("empty publish window: hold (" + hold + ") must exceed ramp + settle + drain ("
                    + ramp.plus(settle).plus(drain) + ")");
        }
    }

    /** Reads the system properties; each default is the one documented in perf/run-gatling.sh. */
    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                Integer.getInteger("users", 1000),
                Duration.ofSeconds(Integer.getInteger("rampSeconds", 10)),
                Duration.ofSeconds(Integer.getInteger("holdSeconds", 30)),
                Duration.ofSeconds(Integer.getInteger("settleSeconds", 5)),
                Duration.ofSeconds(Integer.getInteger("drainSeconds", 3)),
                Integer.getInteger("accounts", 10),
                List.of(System.getProperty("bindings", "call.CHANNEL_CREATE.*,call.*.*,call.CHANNEL_ANSWER.*").split(",")),
                List.of(System.getProperty("events", "CHANNEL_CREATE,CHANNEL_ANSWER,CHANNEL_DESTROY").split(",")),
                Integer.getInteger("rate", 100),
                System.getProperty("wsUrl", "ws://127.0.0.1:5555"),
                System.getProperty("amqpHost", "127.0.0.1"),
                Integer.getInteger("amqpPort", 5672),
                Path.of(System.getProperty("keys", "target/keys")),
                Integer.getInteger("bufferSize", 10_000),
                Path.of(System.getProperty("summary", "target/gatling/events-summary.txt")));
    }

    /** When the publisher starts, after the simulation started. */
    Duration publishStart() {
        return ramp.plus(settle);
    }

    /** When the publisher stops, after the simulation started. */
    Duration publishEnd() {
        return hold.minus(drain);
    }
}
