package io.wormhole.perf.latency;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What every client received, merged: counters, and one latency histogram for the
 * measured window.
 *
 * <p><b>Latency.</b> Receive time minus the Event's <em>intended</em> send time (the slot
 * the fixed-rate schedule gave it), both {@link System#nanoTime()} in this process. A
 * publisher that falls behind publishes late but keeps the intended stamps, so the delay
 * it caused is counted instead of hidden (coordinated omission). Recorded in microseconds.
 *
 * <p><b>Window.</b> Only Events whose intended time lies in [start, end) are measured;
 * warm-up deliveries are counted as received but not recorded. After {@link #close()}
 * nothing more is counted: what had not arrived by then is lost.
 *
 * <p><b>Threads.</b> {@link #event} and {@link #dropped} are called concurrently from
 * every client event loop: an HdrHistogram {@link Recorder} (wait-free for writers) and
 * {@link LongAdder}s. {@link #close()} is called once, by the probe's main thread.
 */
final class Deliveries {
    /** Latencies above this are recorded as this (two minutes, far beyond any drain). */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final LongAdder received = new LongAdder();
    private final LongAdder measured = new LongAdder();
    private final LongAdder droppedNotices = new LongAdder();
    private final LongAdder clientsEnded = new LongAdder();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean closed;

    /** Sets the measured window of intended send times, before the first publish. */
    void window(long startNanos, long endNanos) {
        windowStart = startNanos;
        windowEnd = endNanos;
    }

    void event(long intendedNanos, long receivedNanos) {
        if (closed) {
            return;
        }
        received.increment();
        if (intendedNanos - windowStart >= 0 && intendedNanos - windowEnd < 0) {
            measured.increment();
            long micros = Math.max(0, (receivedNanos - intendedNanos) / 1_000);
            recorder.recordValue(Math.min(micros, HIGHEST_MICROS));
        }
    }

    void dropped(long count) {
        droppedNotices.add(count);
    }

    /** A client's connection ended while the probe was still running. */
    void clientEnded() {
        clientsEnded.increment();
    }

    long received() {
        return received.sum();
    }

    long measured() {
        return measured.sum();
    }

    long droppedNotices() {
        return droppedNotices.sum();
    }

    long clientsEnded() {
        return clientsEnded.sum();
    }

    /** Stops counting and returns the window's latencies, in microseconds. */
    Histogram close() {
        closed = true;
        return recorder.getIntervalHistogram();
    }
}
