package io.wormhole.perf.latency;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * Merges the latency histograms of several probe processes that ran one scenario
 * together (each with {@code --histogram-out}), so that the percentiles are those of all
 * deliveries, not an average of per-process percentiles. Prints one line,
 * {@code MERGED count=… p50_ms=… p90_ms=… p99_ms=… p999_ms=… max_ms=…}.
 *
 * <p>Merging is sound because every process stamps and times with {@link System#nanoTime()},
 * which on Linux is {@code CLOCK_MONOTONIC}, one clock for the whole machine; and each
 * process measures only its own publisher's Events.
 */
public final class MergeResults {
    private MergeResults() {
    }

    /** {@code MergeResults FILE...}: exit 2 without files, 1 when one cannot be read. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: MergeResults HISTOGRAM_FILE...");
            System.exit(2);
        }
        Histogram all = null;
        for (String file : args) {
            Histogram h;
            try {
                h = read(Path.of(file));
            } catch (IOException | DataFormatException | RuntimeException e) {
                System.err.println("cannot read " + file + ": " + e);
                System.exit(1);
                return;
            }
            if (all == null) {
                all = h;
            } else {
                all.add(h);
            }
        }
        System.out.printf("MERGED count=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n",
                all.getTotalCount(), PushLatencyProbe.ms(all, 50), PushLatencyProbe.ms(all, 90),
                PushLatencyProbe.ms(all, 99), PushLatencyProbe.ms(all, 99.9),
                all.getMaxValue() / 1000.0);
    }

    /** Writes the histogram (µs) as one line of compressed Base64. */
    static void write(Histogram h, Path file) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        String line = Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
        try {
            Files.writeString(file, line + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
        }
    }

    static Histogram read(Path file) throws IOException, DataFormatException {
        byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    }
}
