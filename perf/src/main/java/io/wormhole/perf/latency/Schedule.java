package io.wormhole.perf.latency;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate schedule shared by the probes' senders: slot {@code i} is due at
 * {@code t0 + i / rate}. {@link #awaitSlot} parks until a slot is due and says how late
 * the caller got there; a late sender then goes through the following slots back to back,
 * each keeping its own intended time (so that delays are charged, not hidden).
 */
final class Schedule {
    private final long t0;
    private final int rate;

    Schedule(long t0, int rate) {
        this.t0 = t0;
        this.rate = rate;
    }

    /** When slot {@code i} is due, in {@link System#nanoTime()} terms. */
    long due(long i) {
        return t0 + i * 1_000_000_000L / rate;
    }

    /** Parks until {@code due}; returns how many nanoseconds after it this returned (≥ 0). */
    static long awaitSlot(long due) {
        long wait = due - System.nanoTime();
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            wait = due - System.nanoTime();
        }
        return -wait;
    }
}
