package io.wormhole.perf.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders the perf runners' results to PNG:
 * <ul>
 * <li>{@code --latency results.txt}: p50 and p99 push latency against offered deliveries/s
 * (events/s × clients, as asked of the publisher; a saturated target delivers less),
 * one pair of lines per target (log scale: Web-STOMP's saturated points are seconds);</li>
 * <li>{@code --density density.txt}: server RSS and live heap (or Erlang memory) against
 * idle sockets, one line per series.</li>
 * </ul>
 * {@code --out DIR} (default docs/img). Usage:
 * {@code java -cp perf/target/benchmarks.jar io.wormhole.perf.plot.Plots --latency F --density F}.
 */
public final class Plots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private Plots() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of("docs/img");
        List<Path> latency = new ArrayList<>();
        Path density = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--latency" -> latency.add(Path.of(require(v, "--latency")));
                case "--density" -> density = Path.of(require(v, "--density"));
                case "--out" -> out = Path.of(require(v, "--out"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --latency results.txt, --density density.txt, --out DIR)");
            }
            i++;
        }
        Files.createDirectories(out);
        if (!latency.isEmpty()) {
            List<Map<String, String>> results = new ArrayList<>();
            for (Path p : latency) {
                results.addAll(Records.read(p, "RESULT"));
            }
            save(latencyChart(results), out.resolve("latency-vs-rate.png"));
        }
        if (density != null) {
            save(densityChart(Records.read(density, "SAMPLE")), out.resolve("memory-vs-sockets.png"));
        }
    }

    static XYChart latencyChart(List<Map<String, String>> results) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Push latency vs offered deliveries/s (receive - intended send)")
                .xAxisTitle("offered deliveries/s (events/s x clients)").yAxisTitle("latency, ms (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        Map<String, List<Map<String, String>>> byTarget = group(results, r -> r.get("target") + " "
                + r.get("clients") + " clients");
        byTarget.forEach((name, rows) -> {
            rows.sort((a, b) -> Double.compare(Records.number(a, "asked_per_s"),
                    Records.number(b, "asked_per_s")));
            double[] x = column(rows, "asked_per_s");
            chart.addSeries(name + " p50", x, column(rows, "p50_ms")).setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries(name + " p99", x, column(rows, "p99_ms")).setMarker(SeriesMarkers.DIAMOND);
        });
        return chart;
    }

    static XYChart densityChart(List<Map<String, String>> samples) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Memory vs idle subscribed sockets (after a full collection)")
                .xAxisTitle("sockets").yAxisTitle("MiB").build();
        group(samples, r -> r.get("series")).forEach((series, rows) -> {
            double[] x = column(rows, "sockets");
            chart.addSeries(series + " RSS", x, kib(column(rows, "server_rss_kb")))
                    .setMarker(SeriesMarkers.CIRCLE);
            String live = rows.get(0).containsKey("heap_used_kb") ? "heap_used_kb" : "erlang_total_kb";
            chart.addSeries(series + (live.startsWith("heap") ? " live heap" : " Erlang memory"), x,
                    kib(column(rows, live))).setMarker(SeriesMarkers.DIAMOND);
        });
        return chart;
    }

    private static Map<String, List<Map<String, String>>> group(List<Map<String, String>> rows,
            Function<Map<String, String>, String> key) {
        Map<String, List<Map<String, String>>> groups = new TreeMap<>();
        for (Map<String, String> r : rows) {
            groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static double[] column(List<Map<String, String>> rows, String key) {
        return rows.stream().mapToDouble(r -> Records.number(r, key)).toArray();
    }

    private static double[] kib(double[] values) {
        double[] mib = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            mib[i] = values[i] / 1024;
        }
        return mib;
    }

    private static void save(XYChart chart, Path png) throws IOException {
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + png);
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a file");
        }
        return value;
    }
}
