package io.wormhole.perf.latency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.netty.http.client.HttpClient;

/**
 * The idle-density probe: opens subscribed WebSocket clients at one target in steps
 * (for example 0, 5,000, 10,000) and holds them idle, so that a runner can measure the
 * server's memory at each step ({@code perf/run-density.sh}). Nothing is published; the
 * clients only answer pings (gateway) or send STOMP heart-beats (Web-STOMP), as
 * {@link ProbeClient} does for the latency probe.
 *
 * <p>Gateway clients subscribe to {@code call.CHANNEL_CREATE.*} with tokens of
 * {@code --accounts} different Accounts (client i: Account i mod accounts), so the node
 * holds many Accounts' routes, as a real one would. Web-STOMP clients subscribe to
 * {@code /exchange/callevt/call.CHANNEL_CREATE.*} (one queue each).
 *
 * <p>Protocol with the runner, one line each on standard output: {@code STEP target=T
 * sockets=N ended=E events=V seconds=S} once N clients are subscribed (E: clients the server
 * closed so far, V: frames with an Event, expected 0), then the probe waits for a line on
 * standard input before it opens the next step; after the last step it closes every client
 * and prints {@code DONE}. {@code FAILED ...} and exit status 1 when a step could not be
 * opened; exit status 2 for a bad command line.
 */
public final class IdleSocketsProbe {
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(6);

    private IdleSocketsProbe() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException, InterruptedException {
        IdleOptions options;
        try {
            options = IdleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("probe: " + e.getMessage());
            }
            System.err.println(IdleOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, ProbeKeys.loadOrCreate(options.common().keys())));
    }

    private static int run(IdleOptions options, ProbeKeys keys) throws IOException, InterruptedException {
        ProbeOptions common = options.common();
        String label = common.target().label();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < options.accounts(); i++) {
            tokens.add(keys.token(ProbeKeys.randomAccountId(), TOKEN_LIFETIME));
        }
        Target target = Target.of(common, tokens);
        List<HttpClient> http = ProbeClient.clientsPerLoop("idle", common.loops(), common.sources());
        Deliveries deliveries = new Deliveries();
        BufferedReader runner = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<ProbeClient> clients = new ArrayList<>();
        try {
            for (int step : options.steps()) {
                long opening = System.nanoTime();
                List<ProbeClient> more = ProbeClient.openAll(http, clients.size(), step, target, deliveries, label);
                if (more == null) {
                    System.out.printf("FAILED target=%s sockets=%d%n", label, step);
                    return 1;
                }
                clients.addAll(more);
                System.out.printf("STEP target=%s sockets=%d ended=%d events=%d seconds=%.1f%n", label, clients.size(),
                        deliveries.clientsEnded(), deliveries.received(), (System.nanoTime() - opening) / 1e9);
                System.out.flush();
                if (runner.readLine() == null) {
                    break; // the runner went away: stop holding sockets
                }
            }
            System.out.printf("DONE target=%s sockets=%d ended=%d events=%d%n", label, clients.size(),
                    deliveries.clientsEnded(), deliveries.received());
            return 0;
        } finally {
            clients.forEach(ProbeClient::close);
        }
    }
}
