package io.wormhole.perf.latency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sends the churn: request {@code i} is due at {@code t0 + i / rate} and goes to client
 * {@code i mod clients}; a client's requests alternate between unsubscribing the oldest
 * binding it holds and subscribing a pattern it does not hold, drawn uniformly from the
 * bounded set. Each request's {@code request_id} carries its intended send time, so the
 * reply latency is measured from the schedule, not from the actual send (a late sender is
 * charged, as with {@link FixedRatePublisher}).
 *
 * <p>Keeps the probe's own view of what is subscribed: how many clients hold each pattern
 * and when its last holder let it go. The view follows the requests as <em>sent</em>; a
 * refused request (see {@link ChurnReplies}) makes it approximate. One thread runs
 * {@link #run}; the main thread reads the counts, under this object's monitor.
 */
final class Churner {
    private final ChurnOptions options;
    private final List<ArrayDeque<Integer>> held = new ArrayList<>();
    private final int[] requestsOf;
    private final int[] holders;
    private final long[] releasedAt;
    private final boolean[] everHeld;
    private final Random random = new Random();
    private volatile long sent;
    private volatile long sentInWindow;

    Churner(ChurnOptions options) {
        this.options = options;
        this.requestsOf = new int[options.clients()];
        this.holders = new int[options.patterns()];
        this.releasedAt = new long[options.patterns()];
        this.everHeld = new boolean[options.patterns()];
        for (int c = 0; c < options.clients(); c++) {
            ArrayDeque<Integer> mine = new ArrayDeque<>();
            held.add(mine);
            while (mine.size() < options.hold()) {
                hold(mine, pickNotHeld(mine));
            }
        }
    }

    /** The patterns client {@code c} subscribes when it connects. */
    synchronized List<String> initial(int c) {
        return held.get(c).stream().map(options::pattern).toList();
    }

    /** Sends every request due in [t0, end) to {@code clients}, on schedule; returns after the last. */
    void run(List<ProbeClient> clients, long t0, long windowStart, long end) {
        Schedule schedule = new Schedule(t0, options.rate());
        for (long i = 0;; i++) {
            long due = schedule.due(i);
            if (due - end >= 0) {
                return;
            }
            Schedule.awaitSlot(due);
            boolean measured = due - windowStart >= 0;
            int c = (int) (i % clients.size());
            clients.get(c).send(next(c, ChurnReplies.requestId(due, measured)));
            sent = i + 1;
            if (measured) {
                sentInWindow = sentInWindow + 1;
            }
        }
    }

    long sent() {
        return sent;
    }

    long sentInWindow() {
        return sentInWindow;
    }

    /** Patterns some client holds now. */
    synchronized int held() {
        int n = 0;
        for (int h : holders) {
            n += h > 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Patterns held now or let go less than {@code graceNanos} ago: those whose AMQP binding
     * the gateway may rightly still keep.
     */
    synchronized int heldOrInGrace(long graceNanos) {
        long now = System.nanoTime();
        int n = 0;
        for (int k = 0; k < holders.length; k++) {
            if (holders[k] > 0 || (everHeld[k] && now - releasedAt[k] < graceNanos)) {
                n++;
            }
        }
        return n;
    }

    /** Distinct patterns subscribed at least once since the start. */
    synchronized int everSubscribed() {
        int n = 0;
        for (boolean e : everHeld) {
            n += e ? 1 : 0;
        }
        return n;
    }

    private synchronized String next(int c, String requestId) {
        ArrayDeque<Integer> mine = held.get(c);
        if (requestsOf[c]++ % 2 == 0) {
            int k = mine.pollFirst();
            if (--holders[k] == 0) {
                releasedAt[k] = System.nanoTime();
            }
            return request("unsubscribe", requestId, options.pattern(k));
        }
        int k = pickNotHeld(mine);
        hold(mine, k);
        return request("subscribe", requestId, options.pattern(k));
    }

    private void hold(ArrayDeque<Integer> mine, int k) {
        mine.addLast(k);
        holders[k]++;
        everHeld[k] = true;
    }

    private int pickNotHeld(ArrayDeque<Integer> mine) {
        while (true) {
            int k = random.nextInt(options.patterns());
            if (!mine.contains(k)) {
                return k;
            }
        }
    }

    private static String request(String action, String requestId, String binding) {
        return "{\"action\":\"" + action + "\",\"request_id\":\"" + requestId + "\",\"data\":{\"binding\":\""
                + binding + "\"}}";
    }
}
