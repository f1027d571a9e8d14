package io.wormhole.perf.latency;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

import reactor.netty.http.client.HttpClient;

/**
 * The push-latency probe: N WebSocket clients subscribed to {@code call.CHANNEL_CREATE.*}
 * (in one Account, or spread over {@code --accounts} with Events round-robin over them)
 * at one target (the gateway or RabbitMQ Web-STOMP), a fixed-rate publisher of
 * {@code CHANNEL_CREATE} Events on {@code callevt}, and one merged histogram of receive
 * time minus intended send time (see {@link Deliveries}). Prints progress every second
 * and a summary, whose last line starts with {@code RESULT} and holds {@code key=value}
 * pairs for scripts. Stops by itself: warm-up, the measured window, then at most the
 * drain time for late deliveries. Everything it talks to is on 127.0.0.1.
 *
 * <p>Exit status: 0 when the run completed (loss or not), 1 when it could not start or the
 * publisher failed, 2 for a bad command line.
 */
public final class PushLatencyProbe {
    private static final long SECOND = 1_000_000_000L;
    private static final long POLL_NANOS = 50_000_000L;

    private final ProbeOptions options;
    private final ProbeKeys keys;
    private final String label;

    private PushLatencyProbe(ProbeOptions options, ProbeKeys keys) {
        this.options = options;
        this.keys = keys;
        this.label = options.target().label();
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException, InterruptedException {
        ProbeOptions options = ProbeOptions.parseOrExit(ProbeOptions::parse, args, "probe", ProbeOptions.USAGE);
        ProbeKeys keys = ProbeKeys.loadOrCreate(options.keys());
        if (options.keygenOnly()) {
            System.out.println(keys.publicKeyFile().toAbsolutePath());
            return;
        }
        System.exit(new PushLatencyProbe(options, keys).run());
    }

    private int run() throws InterruptedException {
        List<String> accounts = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < options.accounts(); i++) {
            String account = ProbeKeys.randomAccountId();
            accounts.add(account);
            tokens.add(keys.token(account, Duration.ofHours(1)));
        }
        Target target = Target.of(options, tokens);
        List<HttpClient> http = ProbeClient.clientsPerLoop("probe", options.loops(), options.sources());
        Deliveries deliveries = new Deliveries();

        System.out.printf("%s: opening %d clients to %s on %d event loops%n", label, options.clients(),
                target.uri(), options.loops());
        long opening = System.nanoTime();
        List<ProbeClient> clients = ProbeClient.openAll(http, 0, options.clients(), target, deliveries, label);
        if (clients == null) {
            return 1;
        }
        System.out.printf("%s: %d clients subscribed in %.1f s%n", label, clients.size(),
                (System.nanoTime() - opening) / 1e9);
        if (options.goFile() != null && !awaitGo(options.goFile())) {
            return 1;
        }

        FixedRatePublisher publisher;
        try {
            publisher = FixedRatePublisher.connect(options.amqpPort(), accounts, options.rate());
        } catch (IOException | TimeoutException e) {
            System.err.println(label + ": cannot publish: " + e);
            return 1;
        }
        long t0 = System.nanoTime() + SECOND / 5;
        long windowStart = t0 + options.warmup() * SECOND;
        long windowEnd = windowStart + options.seconds() * SECOND;
        long drainEnd = windowEnd + options.drain() * SECOND;
        deliveries.window(windowStart, windowEnd);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread publishing = new Thread(() -> {
            try {
                publisher.run(t0, windowStart, windowEnd);
            } catch (IOException | RuntimeException e) {
                failure.set(e);
            }
        }, "publisher");
        publishing.start();

        MeasuredWindow window = new MeasuredWindow(t0, windowStart, windowEnd, new CpuMeter(options.watches()));
        long lastReceived = 0;
        while (true) {
            long now = System.nanoTime();
            long tick = window.poll(now);
            if (tick >= 0) {
                long received = deliveries.received();
                System.out.printf("%s: t=%3ds sent=%d received=%d delivered/s=%d dropped=%d ended=%d%n", label,
                        tick, publisher.sent(), received, received - lastReceived,
                        deliveries.droppedNotices(), deliveries.clientsEnded());
                lastReceived = received;
            }
            if (failure.get() != null) {
                System.err.println(label + ": the publisher failed: " + failure.get());
                return 1;
            }
            if (window.usage() != null && !publishing.isAlive()) {
                long expected = publisher.sentInWindow() * options.fanout();
                if (deliveries.measured() >= expected || now - drainEnd >= 0) {
                    break;
                }
            }
            Thread.sleep(POLL_NANOS / 1_000_000);
        }
        Histogram latencies = deliveries.close();
        summarise(publisher, deliveries, latencies, window.usage(), clients);
        if (options.histogramOut() != null) {
            MergeResults.write(latencies, options.histogramOut());
        }
        clients.forEach(ProbeClient::close);
        publisher.close();
        return 0;
    }

    private void summarise(FixedRatePublisher publisher, Deliveries deliveries, Histogram h, CpuMeter.Usage usage,
            List<ProbeClient> clients) {
        long expected = publisher.sentInWindow() * options.fanout();
        long received = h.getTotalCount();
        long lost = Math.max(0, expected - received);
        long extra = Math.max(0, received - expected); // more than the Account's clients: misrouted
        double perSecond = (double) received / options.seconds();
        System.out.printf("%s: summary, %d clients in %d accounts x %d events/s, %d s measured after %d s warm-up%n",
                label, options.clients(), options.accounts(), options.rate(), options.seconds(), options.warmup());
        System.out.printf("%s:   delivered/s %.0f (asked %d); deliveries expected %d, received %d, lost %d (%.3f %%)%n",
                label, perSecond, options.expectedPerSecond(), expected, received, lost,
                expected == 0 ? 0.0 : 100.0 * lost / expected);
        if (extra > 0) {
            System.out.printf("%s:   %d deliveries more than expected: Events reached clients of other accounts%n",
                    label, extra);
        }
        System.out.printf("%s:   dropped notices %d, clients ended early %d, publisher at most %.1f ms late%n", label,
                deliveries.droppedNotices(), deliveries.clientsEnded(), publisher.maxLateNanos() / 1e6);
        System.out.printf("%s:   latency ms (receive - intended send): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  "
                + "max %.3f%n", label, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
        System.out.printf("%s:   CPU over the window: %s%n", label, usage.describe());
        clients.stream().filter(c -> c.ending() != null).limit(3)
                .forEach(c -> System.out.printf("%s:   a client ended early: %s%n", label, c.ending()));
        StringBuilder result = new StringBuilder("RESULT");
        result.append(" target=").append(label)
                .append(" clients=").append(options.clients())
                .append(" accounts=").append(options.accounts())
                .append(" rate=").append(options.rate())
                .append(" seconds=").append(options.seconds())
                .append(" asked_per_s=").append(options.expectedPerSecond())
                .append(String.format(" delivered_per_s=%.0f", perSecond))
                .append(" expected=").append(expected)
                .append(" received=").append(received)
                .append(" lost=").append(lost)
                .append(" extra=").append(extra)
                .append(" dropped_notices=").append(deliveries.droppedNotices())
                .append(" clients_ended=").append(deliveries.clientsEnded())
                .append(String.format(" p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f", ms(h, 50),
                        ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0))
                .append(String.format(" publisher_late_ms=%.1f", publisher.maxLateNanos() / 1e6))
                .append(" cores=").append(usage.cores())
                .append(String.format(" machine_busy=%.2f probe_cores=%.2f", usage.machineBusy(),
                        usage.probeCores()));
        usage.watched().forEach((name, cores) -> result.append(String.format(" %s_cores=%.2f", name, cores)));
        System.out.println(result);
    }

    /** Prints READY and waits for the file; false (after saying why) when it did not come in 5 minutes. */
    private boolean awaitGo(Path goFile) throws InterruptedException {
        System.out.println("READY");
        long deadline = System.nanoTime() + 300 * SECOND;
        while (!Files.exists(goFile)) {
            if (System.nanoTime() - deadline >= 0) {
                System.err.printf("%s: %s did not appear within 5 minutes%n", label, goFile);
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
