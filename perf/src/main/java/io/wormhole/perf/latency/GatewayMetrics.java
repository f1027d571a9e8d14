package io.wormhole.perf.latency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads one gauge from the gateway's Prometheus endpoint ({@code GET /metrics} on its
 * WebSocket port), for the probe's once-a-second samples. A failed read gives -1.
 */
final class GatewayMetrics {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI uri;

    GatewayMetrics(int port) {
        this.uri = URI.create("http://" + ProbeOptions.HOST + ":" + port + "/metrics");
    }

    /** The value of the unlabelled sample {@code name}, or -1 when absent or unreadable. */
    long gauge(String name) {
        try {
            String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith(name + " ")) {
                    return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }
}
