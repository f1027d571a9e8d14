package io.wormhole.perf.latency;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The replies to the churn's requests, merged over every client: reply latency (reply
 * received minus the request's intended send time, µs, HdrHistogram) and error replies by
 * code. The intended time travels in the {@code request_id} ({@link #requestId}), so no
 * table of pending requests is kept. Only requests due in the measured window are counted
 * (their id starts with {@code w}); warm-up ones start with {@code u}.
 *
 * <p>Threads: {@link #reply} runs on every client event loop (a {@link Recorder} and
 * adders); the main thread reads and closes.
 */
final class ChurnReplies {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final LongAdder replies = new LongAdder();
    private final LongAdder measured = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The request id of a request due at {@code dueNanos}. */
    static String requestId(long dueNanos, boolean measured) {
        return (measured ? "w" : "u") + dueNanos;
    }

    /** One reply, received at {@code receivedNanos}; {@code code} null on success. */
    void reply(String requestId, String code, long receivedNanos) {
        if (closed || requestId.length() < 2 || (requestId.charAt(0) != 'w' && requestId.charAt(0) != 'u')) {
            return;
        }
        replies.increment();
        if (requestId.charAt(0) != 'w') {
            return;
        }
        long due;
        try {
            due = Long.parseLong(requestId, 1, requestId.length(), 10);
        } catch (NumberFormatException e) {
            return;
        }
        measured.increment();
        if (code != null) {
            errors.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
        recorder.recordValue(Math.min(Math.max(0, (receivedNanos - due) / 1_000), HIGHEST_MICROS));
    }

    long replies() {
        return replies.sum();
    }

    long measured() {
        return measured.sum();
    }

    /** Error replies in the window, by code. */
    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    long errorCount() {
        return errors().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Stops counting and returns the window's reply latencies, in microseconds. */
    Histogram close() {
        closed = true;
        return recorder.getIntervalHistogram();
    }
}
