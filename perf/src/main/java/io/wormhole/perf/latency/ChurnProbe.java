package io.wormhole.perf.latency;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import reactor.netty.http.client.HttpClient;

/**
 * The churn probe: N WebSocket clients of one Account that subscribe and unsubscribe
 * continuously at an aggregate fixed rate (see {@link Churner}), patterns drawn from a
 * bounded set so that clients share them. Measures the reply latency of every request
 * (reply received minus intended send) and counts error replies by code; once a second it
 * prints how many patterns the clients hold, how many are held or were let go less than
 * the unbind grace ago, and the gateway's {@code wormhole_broker_bindings} gauge, with
 * the wall-clock time so that a script can line the samples up with the broker's own
 * binding count. After the window it closes every client and waits (at most grace + 20 s)
 * for the gauge to reach zero.
 *
 * <p>Output: progress lines starting {@code SAMPLE}, a summary, a {@code RESULT} line of
 * {@code key=value} pairs, then {@code CLOSED epoch_ms=…} and {@code ZERO …}. Exit status
 * as {@link PushLatencyProbe}.
 */
public final class ChurnProbe {
    static final String BINDINGS_GAUGE = "wormhole_broker_bindings";
    private static final long SECOND = 1_000_000_000L;
    private static final String LABEL = "churn";

    private final ChurnOptions options;
    private final ProbeKeys keys;

    private ChurnProbe(ChurnOptions options, ProbeKeys keys) {
        this.options = options;
        this.keys = keys;
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException, InterruptedException {
        ChurnOptions options = ProbeOptions.parseOrExit(ChurnOptions::parse, args, LABEL, ChurnOptions.USAGE);
        System.exit(new ChurnProbe(options, ProbeKeys.loadOrCreate(options.keys())).run());
    }

    private int run() throws InterruptedException {
        Churner churner = new Churner(options);
        ChurnReplies replies = new ChurnReplies();
        String token = keys.token(ProbeKeys.randomAccountId(), Duration.ofHours(1));
        Target target = new ChurnTarget(options.gatewayPort(), token, churner::initial, replies);
        List<HttpClient> http = ProbeClient.clientsPerLoop("churn", options.loops(), options.sources());
        GatewayMetrics metrics = new GatewayMetrics(options.gatewayPort());

        System.out.printf("%s: opening %d clients to %s, %d patterns held each, %d distinct (tag %s)%n", LABEL,
                options.clients(), target.uri(), options.hold(), options.patterns(), options.tag());
        List<ProbeClient> clients = ProbeClient.openAll(http, 0, options.clients(), target, new Deliveries(), LABEL);
        if (clients == null) {
            return 1;
        }
        long t0 = System.nanoTime() + SECOND / 5;
        long windowStart = t0 + options.warmup() * SECOND;
        long windowEnd = windowStart + options.seconds() * SECOND;
        long drainEnd = windowEnd + options.drain() * SECOND;
        long graceNanos = options.grace() * SECOND;
        Thread sending = new Thread(() -> churner.run(clients, t0, windowStart, windowEnd), "churner");
        sending.start();

        MeasuredWindow window = new MeasuredWindow(t0, windowStart, windowEnd, new CpuMeter(options.watches()));
        long maxHeld = 0;
        long maxHeldOrGrace = 0;
        long maxGauge = -1;
        while (true) {
            long now = System.nanoTime();
            long tick = window.poll(now);
            if (tick >= 0) {
                int held = churner.held();
                int heldOrGrace = churner.heldOrInGrace(graceNanos);
                long gauge = metrics.gauge(BINDINGS_GAUGE);
                boolean inWindow = window.inWindow(now);
                if (inWindow) {
                    maxHeld = Math.max(maxHeld, held);
                    maxHeldOrGrace = Math.max(maxHeldOrGrace, heldOrGrace);
                    maxGauge = Math.max(maxGauge, gauge);
                }
                System.out.printf("SAMPLE epoch_ms=%d t=%d window=%d sent=%d replies=%d errors=%d held=%d "
                        + "held_or_grace=%d gateway_bindings=%d%n", System.currentTimeMillis(), tick,
                        inWindow ? 1 : 0, churner.sent(), replies.replies(), replies.errorCount(), held, heldOrGrace,
                        gauge);
            }
            if (window.usage() != null && !sending.isAlive()
                    && (replies.measured() >= churner.sentInWindow() || now - drainEnd >= 0)) {
                break;
            }
            Thread.sleep(20);
        }
        Histogram h = replies.close();
        summarise(churner, replies, h, window.usage(), maxHeld, maxHeldOrGrace, maxGauge);
        clients.forEach(ProbeClient::close);
        System.out.printf("CLOSED epoch_ms=%d%n", System.currentTimeMillis());
        awaitZero(metrics);
        return 0;
    }

    private void summarise(Churner churner, ChurnReplies replies, Histogram h, CpuMeter.Usage usage, long maxHeld,
            long maxHeldOrGrace, long maxGauge) {
        long sent = churner.sentInWindow();
        long answered = h.getTotalCount();
        Map<String, Long> errors = replies.errors();
        System.out.printf("%s: summary, %d clients, %d requests/s, %d patterns, %d held each; %d s measured%n",
                LABEL, options.clients(), options.rate(), options.patterns(), options.hold(), options.seconds());
        System.out.printf("%s:   requests %d, replies %d (unanswered %d), error replies %s%n", LABEL, sent, answered,
                Math.max(0, sent - answered), errors);
        System.out.printf("%s:   reply latency ms (reply - intended send): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f"
                + "  max %.3f%n", LABEL, PushLatencyProbe.ms(h, 50), PushLatencyProbe.ms(h, 90),
                PushLatencyProbe.ms(h, 99), PushLatencyProbe.ms(h, 99.9), h.getMaxValue() / 1000.0);
        System.out.printf("%s:   patterns held at most %d, held or in grace at most %d, ever subscribed %d; "
                + "gateway's %s at most %d%n", LABEL, maxHeld, maxHeldOrGrace, churner.everSubscribed(),
                BINDINGS_GAUGE, maxGauge);
        System.out.printf("%s:   CPU over the window: %s%n", LABEL, usage.describe());
        StringBuilder result = new StringBuilder("RESULT target=churn")
                .append(" clients=").append(options.clients())
                .append(" rate=").append(options.rate())
                .append(" patterns=").append(options.patterns())
                .append(" hold=").append(options.hold())
                .append(" seconds=").append(options.seconds())
                .append(" requests=").append(sent)
                .append(String.format(" requests_per_s=%.0f", (double) sent / options.seconds()))
                .append(" replies=").append(answered)
                .append(" unanswered=").append(Math.max(0, sent - answered))
                .append(" errors=").append(replies.errorCount());
        errors.forEach((code, n) -> result.append(" error_").append(code).append('=').append(n));
        result.append(String.format(" p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f",
                        PushLatencyProbe.ms(h, 50), PushLatencyProbe.ms(h, 90), PushLatencyProbe.ms(h, 99),
                        PushLatencyProbe.ms(h, 99.9), h.getMaxValue() / 1000.0))
                .append(" max_held=").append(maxHeld)
                .append(" max_held_or_grace=").append(maxHeldOrGrace)
                .append(" ever_subscribed=").append(churner.everSubscribed())
                .append(" max_gateway_bindings=").append(maxGauge)
                .append(" cores=").append(usage.cores())
                .append(String.format(" machine_busy=%.2f probe_cores=%.2f", usage.machineBusy(),
                        usage.probeCores()));
        usage.watched().forEach((name, cores) -> result.append(String.format(" %s_cores=%.2f", name, cores)));
        System.out.println(result);
    }

    /** Polls the gauge after the clients closed until it reads 0, at most grace + 20 s. */
    private void awaitZero(GatewayMetrics metrics) throws InterruptedException {
        long closed = System.nanoTime();
        long deadline = closed + (options.grace() + 20) * SECOND;
        while (System.nanoTime() - deadline < 0) {
            if (metrics.gauge(BINDINGS_GAUGE) == 0) {
                System.out.printf("ZERO gateway_bindings_zero_after_s=%.1f%n", (System.nanoTime() - closed) / 1e9);
                return;
            }
            Thread.sleep(100);
        }
        System.out.printf("ZERO gateway_bindings_zero_after_s=never gauge=%d%n", metrics.gauge(BINDINGS_GAUGE));
    }
}
