package io.wormhole.gateway.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The browser console's files (protocol §8, {@code GET /}), read once from the jar's
 * {@code console/} resources: plain HTML, JavaScript and CSS, no build step, nothing
 * fetched from elsewhere. A fixed list, so a path can name nothing but these files.
 * Immutable after construction; thread-safe.
 */
final class ConsoleAssets {
    /** Served with every console file: no inline script, nothing from another origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /** One file: its bytes and content type. */
    record Asset(byte[] body, String contentType) {
    }

    private static final String[][] FILES = {
        {"index.html", "text/html; charset=utf-8"},
        {"console.js", "text/javascript; charset=utf-8"},
        {"console.css", "text/css; charset=utf-8"},
    };

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    ConsoleAssets() {
        for (String[] f : FILES) {
            byPath.put("console/" + f[0], new Asset(read(f[0]), f[1]));
        }
        byPath.put("", byPath.get("console/index.html"));
        byPath.put("console", byPath.get("console/index.html"));
    }

    /**
     * The file for a request path as Reactor Netty gives it (no leading slash, no query):
     * {@code ""} and {@code console} are the page, {@code console/<file>} its files; else null.
     */
    Asset find(String path) {
        return byPath.get(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
