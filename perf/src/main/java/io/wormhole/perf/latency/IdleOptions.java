package io.wormhole.perf.latency;

import java.util.ArrayList;
import java.util.List;

/**
 * The idle-density probe's command line: its own {@code --steps} and {@code --accounts},
 * everything else as for the latency probe ({@link ProbeOptions}: target, ports, keys,
 * loops; {@code --clients}, {@code --rate} and the timing options are not used).
 *
 * @param common   the shared options
 * @param steps    socket counts to stop at, strictly increasing (for example 0, 5000, 10000)
 * @param accounts Accounts the gateway clients are spread over (client i: Account i mod accounts)
 */
record IdleOptions(ProbeOptions common, List<Integer> steps, int accounts) {

    static final String USAGE = """
            usage: IdleSocketsProbe --target gateway|stomp --steps N1,N2,... [options]
              --steps LIST      socket counts to stop at, increasing (for example 0,5000,10000)
              --accounts A      gateway clients use A Accounts, client i the (i mod A)-th (default 1000)
              --loops L         client event-loop threads (default 2)
              --port P          gateway WebSocket port (default 5555)
              --stomp-port P    Web-STOMP port (default 15674)
              --keys DIR        token key pair directory (default ./target/latency-keys)
            At each step the probe prints a line starting with STEP and waits for a line on
            standard input before it opens more; after the last it closes every socket.
            Every connection goes to 127.0.0.1.""";

    private static final int MAX_SOCKETS = 100_000;

    static IdleOptions parse(String[] args) {
        List<Integer> steps = null;
        int accounts = 1000;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--steps") || a.equals("--accounts")) && i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            switch (a) {
                case "--steps" -> steps = steps(args[++i]);
                case "--accounts" -> accounts = ProbeOptions.positive(a, args[++i], MAX_SOCKETS);
                default -> rest.add(a);
            }
        }
        if (steps == null) {
            throw new IllegalArgumentException("--steps is required");
        }
        return new IdleOptions(ProbeOptions.parse(rest.toArray(String[]::new)), steps, accounts);
    }

    private static List<Integer> steps(String v) {
        List<Integer> steps = new ArrayList<>();
        for (String s : v.split(",")) {
            int n = ProbeOptions.nonNegative("--steps", s.trim(), MAX_SOCKETS);
            if (!steps.isEmpty() && n <= steps.get(steps.size() - 1)) {
                throw new IllegalArgumentException("--steps must increase, got " + v);
            }
            steps.add(n);
        }
        return List.copyOf(steps);
    }
}
