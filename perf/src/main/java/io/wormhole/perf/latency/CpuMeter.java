package io.wormhole.perf.latency;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU use over an interval, from Linux's {@code /proc}: the whole machine (busy share of
 * all cores, {@code /proc/stat}), this probe (its own CPU time, from the JVM) and any
 * watched process ({@code utime + stime} from {@code /proc/PID/stat}, in clock ticks of
 * 10 ms, the x86-64 {@code USER_HZ}). Where {@code /proc} cannot be read the figure is
 * left out. Used by one thread.
 */
final class CpuMeter {
    private static final double TICK_NANOS = 10_000_000.0;

    /** Watched processes: name → pid. */
    private final Map<String, Long> watched = new LinkedHashMap<>();
    /** Their CPU ticks at {@link #start()}: name → ticks (-1 when unreadable). */
    private final Map<String, Long> others = new LinkedHashMap<>();
    private long wall;
    private long self;
    private long[] machine;

    /** {@code watches} as {@code name=pid}. */
    CpuMeter(List<String> watches) {
        for (String w : watches) {
            int eq = w.indexOf('=');
            watched.put(w.substring(0, eq), Long.parseLong(w.substring(eq + 1)));
        }
    }

    /** Starts the interval. */
    void start() {
        wall = System.nanoTime();
        self = selfNanos();
        machine = machineTicks();
        others.clear();
        watched.forEach((name, pid) -> others.put(name, processTicks(pid)));
    }

    /** Ends the interval and returns the CPU use over it. */
    Usage stop() {
        double seconds = (System.nanoTime() - wall) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double machineBusy = Double.NaN;
        long[] now = machineTicks();
        if (machine != null && now != null && now[0] > machine[0]) {
            machineBusy = 1.0 - (double) (now[1] - machine[1]) / (now[0] - machine[0]);
        }
        double probeCores = self < 0 ? Double.NaN : (selfNanos() - self) / 1e9 / seconds;
        List<String> parts = new ArrayList<>();
        Map<String, Double> watchedCores = new LinkedHashMap<>();
        watched.forEach((name, pid) -> {
            long before = others.getOrDefault(name, -1L);
            long after = processTicks(pid);
            double c = before < 0 || after < 0 ? Double.NaN : (after - before) * TICK_NANOS / 1e9 / seconds;
            watchedCores.put(name, c);
            parts.add(String.format("%s %.2f cores", name, c));
        });
        return new Usage(cores, machineBusy, probeCores, watchedCores, String.join(", ", parts));
    }

    /** CPU use over one interval; NaN where unknown. */
    record Usage(int cores, double machineBusy, double probeCores, Map<String, Double> watched, String watchedText) {
        String describe() {
            String s = String.format("machine %.0f%% busy of %d cores, probe %.2f cores", machineBusy * 100, cores,
                    probeCores);
            return watchedText.isEmpty() ? s : s + ", " + watchedText;
        }
    }

    private static long selfNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** {total, idle + iowait} ticks of all cores, or null. */
    private static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of a process, in ticks, or -1. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
