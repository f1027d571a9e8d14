package io.wormhole.perf.latency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The churn probe's command line ({@link ChurnProbe}). Every address is 127.0.0.1 (or
 * another loopback source): only ports can be chosen.
 *
 * @param clients     WebSocket clients, all in one Account
 * @param rate        subscribe plus unsubscribe requests per second, all clients together
 * @param patterns    distinct bindings {@code call.CHANNEL_CREATE.<tag>-<k>}, {@code k} in [0, patterns):
 *                    every subscribe draws one of them, so clients share patterns
 * @param hold        bindings each client holds: it alternates unsubscribing its oldest and subscribing
 *                    a new one (first subscribed {@code hold} of them when it connected)
 * @param seconds     measured seconds (1 to 300)
 * @param warmup      seconds of churn before the window, not measured
 * @param drain       at most this many seconds after the last request to wait for replies
 * @param grace       the gateway's {@code GATEWAY_UNBIND_GRACE} in seconds, to count the patterns whose
 *                    binding may still exist (held, or released less than this long ago)
 * @param loops       client event-loop threads
 * @param gatewayPort the gateway's WebSocket (and metrics) port
 * @param keys        directory holding the probe's token-signing key pair
 * @param tag         the word in front of every pattern's id, unique per run so that the broker's
 *                    bindings of this run can be told from any other
 * @param watches     other processes whose CPU use is reported over the window ({@code name=pid})
 * @param sources     local addresses the clients connect from, round-robin (empty: the system's choice)
 */
record ChurnOptions(int clients, int rate, int patterns, int hold, int seconds, int warmup, int drain, int grace,
        int loops, int gatewayPort, Path keys, String tag, List<String> watches, List<String> sources) {

    static final String USAGE = """
            usage: ChurnProbe [options]
              --clients N       WebSocket clients, one account (default 100)
              --rate R          subscribe + unsubscribe requests per second, all clients (default 10000)
              --patterns P      distinct patterns call.CHANNEL_CREATE.<tag>-<k>, k < P (default 500)
              --hold H          bindings each client holds while churning (default 10)
              --seconds S       measured seconds (default 30, at most 300)
              --warmup W        unmeasured seconds before (default 3)
              --drain D         seconds to wait for late replies after the last request (default 5)
              --grace G         the gateway's GATEWAY_UNBIND_GRACE, seconds (default 10)
              --loops L         client event-loop threads (default 2)
              --port P          gateway WebSocket port (default 5555)
              --keys DIR        token key pair directory (default ./target/latency-keys)
              --tag WORD        pattern id prefix, [a-z0-9]+ (default churn + 6 random hex digits)
              --watch NAME=PID  report that process's CPU use over the window (repeatable)
              --source ADDR     connect from this 127.x.y.z address, round-robin (repeatable)
            every connection goes to 127.0.0.1""";

    static ChurnOptions parse(String[] args) {
        int clients = 100;
        int rate = 10_000;
        int patterns = 500;
        int hold = 10;
        int seconds = 30;
        int warmup = 3;
        int drain = 5;
        int grace = 10;
        int loops = 2;
        int gatewayPort = 5555;
        Path keys = Path.of("target", "latency-keys");
        String tag = String.format(Locale.ROOT, "churn%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        List<String> watches = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--clients" -> clients = ProbeOptions.positive(a, v, 100_000);
                case "--rate" -> rate = ProbeOptions.positive(a, v, 1_000_000);
                case "--patterns" -> patterns = ProbeOptions.positive(a, v, 1_000_000);
                case "--hold" -> hold = ProbeOptions.positive(a, v, 1_000);
                case "--seconds" -> seconds = ProbeOptions.positive(a, v, 300);
                case "--warmup" -> warmup = ProbeOptions.nonNegative(a, v, 300);
                case "--drain" -> drain = ProbeOptions.nonNegative(a, v, 120);
                case "--grace" -> grace = ProbeOptions.nonNegative(a, v, 3_600);
                case "--loops" -> loops = ProbeOptions.positive(a, v, 64);
                case "--port" -> gatewayPort = ProbeOptions.positive(a, v, 65_535);
                case "--keys" -> keys = Path.of(v);
                case "--tag" -> tag = tag(v);
                case "--watch" -> watches.add(ProbeOptions.watch(v));
                case "--source" -> sources.add(ProbeOptions.loopback(v));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (hold >= patterns) {
            throw new IllegalArgumentException("--hold " + hold + " must be below --patterns " + patterns
                    + ": a client needs a pattern it does not hold to subscribe next");
        }
        return new ChurnOptions(clients, rate, patterns, hold, seconds, warmup, drain, grace, loops, gatewayPort,
                keys, tag, List.copyOf(watches), List.copyOf(sources));
    }

    /** Pattern {@code k}. */
    String pattern(int k) {
        return "call.CHANNEL_CREATE." + tag + "-" + k;
    }

    private static String tag(String v) {
        if (!v.matches("[a-z0-9]{1,40}")) {
            throw new IllegalArgumentException("--tag wants 1 to 40 of [a-z0-9], got '" + v + "'");
        }
        return v;
    }
}
