package io.wormhole.perf.latency;

/**
 * The time line of one probe run, for its main loop: warm-up from {@code t0}, the
 * measured window [start, end) over which the CPU meter runs, and a tick once a second
 * for progress output. {@link #poll} is called often (every few tens of ms) by one thread
 * and starts or stops the meter when due.
 */
final class MeasuredWindow {
    private static final long SECOND = 1_000_000_000L;

    private final long t0;
    private final long start;
    private final long end;
    private final CpuMeter cpu;
    private boolean measuring;
    private CpuMeter.Usage usage;
    private long nextTick;

    MeasuredWindow(long t0, long start, long end, CpuMeter cpu) {
        this.t0 = t0;
        this.start = start;
        this.end = end;
        this.cpu = cpu;
        this.nextTick = t0 + SECOND;
    }

    /**
     * Starts or stops the CPU meter when due; returns the number of whole seconds since
     * {@code t0} when a once-a-second tick is due (then the next one is a second later),
     * else -1.
     */
    long poll(long now) {
        if (!measuring && now - start >= 0) {
            cpu.start();
            measuring = true;
        }
        if (usage == null && now - end >= 0) {
            usage = cpu.stop();
        }
        if (now - nextTick < 0) {
            return -1;
        }
        long second = (nextTick - t0) / SECOND;
        nextTick += SECOND;
        return second;
    }

    /** Whether {@code now} lies in the window, or in the second after it. */
    boolean inWindow(long now) {
        return now - start >= 0 && now - end < SECOND;
    }

    /** CPU use over the window, or null before the window ended. */
    CpuMeter.Usage usage() {
        return usage;
    }
}
