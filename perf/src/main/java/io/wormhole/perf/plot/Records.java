package io.wormhole.perf.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines the perf runners write, {@code KIND key=value key=value ...}: {@code RESULT}
 * in run-latency.sh's results.txt, {@code SAMPLE} in run-density.sh's density.txt.
 */
final class Records {
    private Records() {
    }

    /** The key=value pairs of every line starting with {@code kind} and a space, in file order. */
    static List<Map<String, String>> read(Path file, String kind) throws IOException {
        return parse(Files.readAllLines(file), kind);
    }

    static List<Map<String, String>> parse(List<String> lines, String kind) {
        List<Map<String, String>> records = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(kind + " ")) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : line.substring(kind.length() + 1).trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("not key=value: '" + pair + "' in: " + line);
                }
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            records.add(fields);
        }
        return records;
    }

    /** The number under {@code key}; names the key and the record when it is missing or not a number. */
    static double number(Map<String, String> record, String key) {
        String v = record.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "' in " + record);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is not a number in " + record, e);
        }
    }
}
