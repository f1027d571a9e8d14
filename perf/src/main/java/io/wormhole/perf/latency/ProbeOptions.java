package io.wormhole.perf.latency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe's command line. Every address is 127.0.0.1: only ports can be chosen, so the
 * probe never sends traffic off the machine.
 *
 * @param target       which server the clients subscribe at
 * @param clients      WebSocket clients, each subscribed to every published Event
 * @param rate         Events published per second; deliveries per second = rate × clients
 * @param seconds      length of the measured window, in seconds (1 to 300)
 * @param warmup       seconds published and delivered before the window, not measured
 * @param drain        at most this many seconds after the last publish to wait for stragglers
 * @param loops        event-loop threads the clients are spread over
 * @param prefetch     the {@code prefetch-count} header of the STOMP subscription (see {@link StompTarget})
 * @param gatewayPort  the gateway's WebSocket port
 * @param stompPort    RabbitMQ Web-STOMP's port
 * @param amqpPort     RabbitMQ's AMQP port, for the publisher (guest/guest)
 * @param keys         directory holding the probe's token-signing key pair (made when missing)
 * @param keygenOnly   make or load the key pair, print the public key's file, and stop
 * @param watches      other processes whose CPU use is reported over the window ({@code name=pid})
 * @param accounts     Accounts the clients are spread over (client {@code i} in Account {@code i mod accounts},
 *                     with a token of that Account); Events go round-robin over them, so each reaches
 *                     {@code clients / accounts} clients. Gateway only: Web-STOMP cannot filter by Account
 * @param sources      local addresses the clients connect from, round-robin (empty: the system's choice);
 *                     each address has its own ~28,000 ephemeral ports towards one server port
 * @param histogramOut file to write the window's latency histogram to (HdrHistogram's compressed
 *                     Base64 form, one line), for {@link MergeResults} to merge several probes; or null
 * @param goFile       when set: once subscribed, print {@code READY} and wait (at most 5 minutes) for
 *                     this file to exist before publishing, so several probe processes start together
 */
record ProbeOptions(Target.Kind target, int clients, int rate, int seconds, int warmup, int drain, int loops,
        int prefetch, int gatewayPort, int stompPort, int amqpPort, Path keys, boolean keygenOnly,
        List<String> watches, int accounts, List<String> sources, Path histogramOut, Path goFile) {

    static final String HOST = "127.0.0.1";

    static final String USAGE = """
            usage: PushLatencyProbe --target gateway|stomp [options]
              --clients N       WebSocket clients (default 100)
              --rate R          events published per second (default 100); deliveries/s = R x N
              --seconds S       measured seconds (default 20, at most 300)
              --warmup W        unmeasured seconds before (default 3)
              --drain D         seconds to wait for late deliveries after the last publish (default 5)
              --loops L         client event-loop threads (default 2)
              --prefetch P      STOMP prefetch-count header (default 1000, the gateway's AMQP prefetch)
              --port P          gateway WebSocket port (default 5555)
              --stomp-port P    Web-STOMP port (default 15674)
              --amqp-port P     AMQP port for the publisher (default 5672)
              --keys DIR        token key pair directory (default ./target/latency-keys)
              --keygen-only     write or load the key pair, print the public key file, stop
              --watch NAME=PID  report that process's CPU use over the window (repeatable)
              --accounts A      spread the clients over A accounts, events round-robin over them
                                (default 1; gateway only; A must divide N); deliveries/s = R x N / A
              --source ADDR     connect from this 127.x.y.z address, round-robin (repeatable)
              --histogram-out F write the window's latency histogram to F (for MergeResults)
              --go-file F       once subscribed print READY, publish only once F exists
            every connection goes to 127.0.0.1""";

    /**
     * Parses with {@code parser}; on a bad command line prints why (prefixed with
     * {@code label}) and {@code usage}, and exits with status 2.
     */
    static <T> T parseOrExit(java.util.function.Function<String[], T> parser, String[] args, String label,
            String usage) {
        try {
            return parser.apply(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(label + ": " + e.getMessage());
            }
            System.err.println(usage);
            System.exit(2);
            throw e;
        }
    }

    static ProbeOptions parse(String[] args) {
        Target.Kind target = null;
        int clients = 100;
        int rate = 100;
        int seconds = 20;
        int warmup = 3;
        int drain = 5;
        int loops = 2;
        int prefetch = 1000;
        int gatewayPort = 5555;
        int stompPort = 15674;
        int amqpPort = 5672;
        Path keys = Path.of("target", "latency-keys");
        boolean keygenOnly = false;
        List<String> watches = new ArrayList<>();
        int accounts = 1;
        List<String> sources = new ArrayList<>();
        Path histogramOut = null;
        Path goFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--keygen-only" -> keygenOnly = true;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--target" -> target = Target.Kind.parse(v);
                        case "--clients" -> clients = positive(a, v, 100_000);
                        case "--rate" -> rate = positive(a, v, 1_000_000);
                        case "--seconds" -> seconds = positive(a, v, 300);
                        case "--warmup" -> warmup = nonNegative(a, v, 300);
                        case "--drain" -> drain = nonNegative(a, v, 120);
                        case "--loops" -> loops = positive(a, v, 64);
                        case "--prefetch" -> prefetch = nonNegative(a, v, 65_535);
                        case "--port" -> gatewayPort = positive(a, v, 65_535);
                        case "--stomp-port" -> stompPort = positive(a, v, 65_535);
                        case "--amqp-port" -> amqpPort = positive(a, v, 65_535);
                        case "--keys" -> keys = Path.of(v);
                        case "--watch" -> watches.add(watch(v));
                        case "--accounts" -> accounts = positive(a, v, 100_000);
                        case "--source" -> sources.add(loopback(v));
                        case "--histogram-out" -> histogramOut = Path.of(v);
                        case "--go-file" -> goFile = Path.of(v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        if (target == null && !keygenOnly) {
            throw new IllegalArgumentException("--target gateway|stomp is required");
        }
        if (clients % accounts != 0) {
            throw new IllegalArgumentException("--accounts " + accounts + " must divide --clients " + clients);
        }
        if (accounts > 1 && target == Target.Kind.STOMP) {
            throw new IllegalArgumentException("--accounts works with the gateway only: a Web-STOMP "
                    + "subscription cannot filter on the Account inside the payload");
        }
        return new ProbeOptions(target, clients, rate, seconds, warmup, drain, loops, prefetch, gatewayPort,
                stompPort, amqpPort, keys, keygenOnly, List.copyOf(watches), accounts, List.copyOf(sources),
                histogramOut, goFile);
    }

    /** How many clients each Event reaches: those of its Account. */
    int fanout() {
        return clients / accounts;
    }

    /** Deliveries per second the scenario asks for. */
    long expectedPerSecond() {
        return (long) rate * fanout();
    }

    static String loopback(String v) {
        if (!v.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")) {
            throw new IllegalArgumentException("--source wants a 127.x.y.z address, got '" + v + "'");
        }
        return v;
    }

    static String watch(String v) {
        int eq = v.indexOf('=');
        if (eq <= 0 || !v.substring(eq + 1).matches("[0-9]+")) {
            throw new IllegalArgumentException("--watch wants NAME=PID, got '" + v + "'");
        }
        return v;
    }

    static int positive(String option, String v, int max) {
        int n = nonNegative(option, v, max);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    static int nonNegative(String option, String v, int max) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a whole number, got '" + v + "'");
        }
        if (n < 0 || n > max) {
            throw new IllegalArgumentException(option + " must be between 0 and " + max + ", got " + n);
        }
        return n;
    }
}
