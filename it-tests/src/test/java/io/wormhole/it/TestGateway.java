package io.wormhole.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.wormhole.gateway.Gateway;
import io.wormhole.gateway.config.GatewayConfig;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * One gateway node per test class, in-process on an ephemeral port against the run's
 * {@link TestBroker}, with its own {@link TokenIssuer} and a {@link KazooPublisher}.
 * Register as a static {@code @RegisterExtension} field; the node starts before the
 * class's first test (and is ready: connected to the broker) and stops after its last.
 * Clients opened through {@link #connect()} are closed after each test.
 */
public final class TestGateway implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private static final Duration START_LIMIT = Duration.ofSeconds(20);

    private final Map<String, String> settings;
    private final TokenIssuer issuer = new TokenIssuer();
    private final List<WsClient> clients = new ArrayList<>();
    private Gateway node;
    private KazooPublisher publisher;

    private TestGateway(Map<String, String> settings) {
        this.settings = settings;
    }

    /**
     * A node with these settings (environment variable names, e.g.
     * {@code GATEWAY_OUTBOX_FRAMES}) on top of the test defaults.
     */
    public static TestGateway with(String... keysAndValues) {
        Map<String, String> s = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            s.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new TestGateway(s);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    /**
     * Starts the node and returns once it is ready; for a test that must prepare the broker
     * before the node connects (call {@link #stop()} in a finally).
     */
    public TestGateway start() {
        TestBroker broker = TestBroker.get();
        Map<String, String> values = new HashMap<>();
        values.put("GATEWAY_AMQP_URI", broker.uri());
        values.put("GATEWAY_WS_HOST", "127.0.0.1");
        values.put("GATEWAY_WS_PORT", "0");
        values.put("GATEWAY_JWT_KEYS", issuer.publicKeyFile().toString());
        values.put("GATEWAY_UNBIND_GRACE", "1s");
        values.putAll(settings);
        node = Gateway.start(GatewayConfig.fromValues(values));
        node.ready().block(START_LIMIT);
        publisher = new KazooPublisher(broker.uri());
        return this;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (clients) {
            clients.forEach(WsClient::close);
            clients.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Closes the clients, the publisher and the node. */
    public void stop() {
        afterEach(null);
        if (publisher != null) {
            publisher.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /** The running node. */
    public Gateway node() {
        return node;
    }

    public int port() {
        return node.port();
    }

    /** Opens a WebSocket to the node (closed after the test). */
    public WsClient connect() {
        return track(WsClient.connect(port()));
    }

    /** Opens a WebSocket with a small TCP receive buffer, for stalled-reader stories. */
    public WsClient connectWithTinyReceiveBuffer() {
        return track(WsClient.connectWithTinyReceiveBuffer(port()));
    }

    /** A valid token for the account, from this node's trusted issuer. */
    public String token(String accountId) {
        return issuer.token(accountId);
    }

    public TokenIssuer issuer() {
        return issuer;
    }

    /** Publishes as Kazoo would, on the run's broker; returns once the broker confirmed. */
    public void publish(KazooEvent event) {
        publisher.publish(event);
    }

    public void publishAll(List<KazooEvent> events) {
        publisher.publishAll(events);
    }

    /** A GET on the node's HTTP port. */
    public HttpAnswer get(String path) {
        return get(port(), path);
    }

    /** A GET on any node's HTTP port. */
    public static HttpAnswer get(int port, String path) {
        return HttpClient.create()
                .get()
                .uri("http://127.0.0.1:" + port + path)
                .responseSingle((res, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new HttpAnswer(res.status().code(), text)))
                .switchIfEmpty(Mono.error(new AssertionError("no answer to GET " + path)))
                .block(WsClient.WAIT);
    }

    /**
     * The value of one series on this node's {@code /metrics}, e.g.
     * {@code metric("wormhole_sessions_closed_total", "code=\"1008\"")}; NaN when the
     * node shows no such series.
     */
    public double metric(String name, String... labels) {
        for (String line : get("/metrics").body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            String series = line.substring(0, space);
            String bare = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            boolean match = bare.equals(name);
            for (String label : labels) {
                match &= series.contains(label);
            }
            if (match) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return Double.NaN;
    }

    /** The sum of every series of this metric (all label values), 0 when there is none. */
    public double metricSum(String name) {
        double sum = 0;
        for (String line : get("/metrics").body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            String series = line.substring(0, space);
            if ((series.contains("{") ? series.substring(0, series.indexOf('{')) : series).equals(name)) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }

    /** The status of a GET on any node's HTTP port. */
    public static int getStatus(int port, String path) {
        return get(port, path).status();
    }

    /** The status and body of an HTTP answer. */
    public record HttpAnswer(int status, String body) {
    }

    /**
     * Polls until the value satisfies the condition, at most {@code limit}; returns the
     * last value seen, and fails with it when the condition never held.
     */
    public static <T> T eventually(Duration limit, Supplier<T> value, Predicate<T> condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = value.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + limit + "; last seen: " + last);
            }
            try {
                Thread.sleep(50); // a polling interval, not a timing assumption
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = value.get();
        }
        return last;
    }

    private WsClient track(WsClient c) {
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }
}
