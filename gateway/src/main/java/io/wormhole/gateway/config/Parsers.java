package io.wormhole.gateway.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text-to-value conversions shared by the settings; each throws on a malformed value. */
final class Parsers {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(|B|KiB|MiB|GiB)");

    private Parsers() {
    }

    static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("out of range 0..65535");
        }
        return port;
    }

    static int positiveInt(String text) {
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return value;
    }

    static int nonNegativeInt(String text) {
        int value = Integer.parseInt(text);
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return value;
    }

    static double positiveDouble(String text) {
        double value = Double.parseDouble(text);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("must be a positive number");
        }
        return value;
    }

    static boolean bool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "1":
            case "on":
                return true;
            case "false":
            case "no":
            case "0":
            case "off":
                return false;
            default:
                throw new IllegalArgumentException("not a boolean");
        }
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}; a bare number is seconds. */
    static Duration duration(String text) {
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected e.g. 250ms, 30s, 5m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            default:
                return Duration.ofHours(n);
        }
    }

    /** {@code 1048576}, {@code 64KiB}, {@code 1MiB}, {@code 1GiB}. */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected e.g. 65536, 64KiB, 1MiB");
        }
        long n = Long.parseLong(m.group(1));
        long unit;
        switch (m.group(2)) {
            case "KiB":
                unit = 1024L;
                break;
            case "MiB":
                unit = 1024L * 1024;
                break;
            case "GiB":
                unit = 1024L * 1024 * 1024;
                break;
            default:
                unit = 1L;
        }
        long value = Math.multiplyExact(n, unit);
        if (value < 1) {
            throw new IllegalArgumentException("must be at least 1 byte");
        }
        return value;
    }

    static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static String text(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        return text;
    }
}
