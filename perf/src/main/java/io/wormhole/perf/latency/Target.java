package io.wormhole.perf.latency;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A server the probe's clients subscribe at: where to connect, what a new client sends
 * first, how it keeps its connection alive, and how to read what comes back. The two
 * targets share everything else (publisher, clients, histogram), so their numbers differ
 * only by the server. Implementations are immutable and read frames on any thread.
 */
sealed interface Target permits GatewayTarget, StompTarget, ChurnTarget {

    /** The {@code --target} values. */
    enum Kind {
        GATEWAY, STOMP;

        static Kind parse(String v) {
            try {
                return valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--target wants gateway or stomp, got '" + v + "'");
            }
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What one inbound text frame carried; called on the client's event loop. */
    interface Inbound {
        /** The client's subscription is in place (the gateway's success reply, STOMP's RECEIPT). */
        void ready();

        /** The server refused the client (an error reply or an ERROR frame). */
        void refused(String why);

        /** One Event, stamped by the publisher with its intended send time. */
        void event(long intendedNanos);

        /** The gateway told the client it dropped this many Events (protocol §7). */
        void dropped(long count);
    }

    /** The target the options name; gateway client {@code i} presents {@code tokens[i mod size]}. */
    static Target of(ProbeOptions options, List<String> tokens) {
        return switch (options.target()) {
            case GATEWAY -> new GatewayTarget(options.gatewayPort(), tokens);
            case STOMP -> new StompTarget(options.stompPort(), options.prefetch());
        };
    }

    String uri();

    /** Text frames a client sends right after the upgrade, in order. */
    List<String> greeting(int client);

    /** How often {@link #keepAlive()} is sent, or null when the target needs nothing. */
    Duration keepAliveEvery();

    String keepAlive();

    /** Reads one inbound text frame held in {@code frame[0, length)}. */
    void read(byte[] frame, int length, Inbound inbound);
}
