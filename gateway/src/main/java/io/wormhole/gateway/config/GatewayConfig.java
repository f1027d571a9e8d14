package io.wormhole.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.wormhole.gateway.session.OverflowPolicy;
import io.wormhole.gateway.ws.ProxyProtocol;
import io.wormhole.gateway.ws.TrustedProxies;
import io.wormhole.protocol.payload.PayloadForm;

/**
 * Every setting of a gateway node, read once at start (docs/operations.md documents
 * each one with unit and default). Sources, the later winning: built-in defaults, the
 * properties file named by {@code GATEWAY_CONFIG} (keys in dotted form:
 * {@code GATEWAY_WS_PORT} is {@code ws.port}), environment variables. An unknown key
 * in the file or a malformed value is a {@link ConfigException} naming the setting and
 * the expected form. Immutable.
 */
public record GatewayConfig(
        List<String> amqpUris,
        int amqpPrefetch,
        Duration amqpHeartbeat,
        String wsHost,
        int wsPort,
        int wssPort,
        String tlsCert,
        String tlsKey,
        Duration tlsReload,
        ProxyProtocol proxyProtocol,
        boolean trustForwarded,
        TrustedProxies trustedProxies,
        String jwtKeys,
        Duration jwksRefresh,
        Duration clockSkew,
        String crossbarUrl,
        String accountsFile,
        Duration authzCacheTtl,
        String catalog,
        PayloadForm payloadForm,
        int outboxFrames,
        long outboxBytes,
        OverflowPolicy overflow,
        int maxFrame,
        Duration pingInterval,
        Duration pingTimeout,
        Duration handshakeTimeout,
        Duration authTimeout,
        int rateBurst,
        double ratePerSecond,
        int maxBindings,
        int maxBindingsPerRequest,
        int maxConnPerIp,
        List<String> allowedOrigins,
        Duration unbindGrace,
        Duration drain,
        Duration accountWait,
        int accountWaitEvents,
        long accountWaitBytes,
        boolean demo,
        double demoRate) {

    static final Setting<List<String>> AMQP_URI = new Setting<>("GATEWAY_AMQP_URI", null,
            "a comma-separated list of amqp:// URIs", GatewayConfig::amqpUris);
    static final Setting<Integer> AMQP_PREFETCH = new Setting<>("GATEWAY_AMQP_PREFETCH", "1000",
            "a whole number >= 1", Parsers::positiveInt);
    static final Setting<Duration> AMQP_HEARTBEAT = new Setting<>("GATEWAY_AMQP_HEARTBEAT", "10s",
            "a duration of whole seconds such as 10s (0s = no heartbeat)", GatewayConfig::wholeSeconds);
    static final Setting<String> WS_HOST = new Setting<>("GATEWAY_WS_HOST", "0.0.0.0",
            "a host name or address", Parsers::text);
    static final Setting<Integer> WS_PORT = new Setting<>("GATEWAY_WS_PORT", "5555",
            "a port 0..65535", Parsers::port);
    static final Setting<Integer> WSS_PORT = new Setting<>("GATEWAY_WSS_PORT", "5556",
            "a port 0..65535", Parsers::port);
    static final Setting<String> TLS_CERT = new Setting<>("GATEWAY_TLS_CERT", null,
            "a path to a PEM certificate chain", Parsers::text);
    static final Setting<String> TLS_KEY = new Setting<>("GATEWAY_TLS_KEY", null,
            "a path to a PEM (PKCS#8) private key", Parsers::text);
    static final Setting<Duration> TLS_RELOAD = new Setting<>("GATEWAY_TLS_RELOAD", "60s",
            "a duration such as 60s", GatewayConfig::positiveDuration);
    static final Setting<ProxyProtocol> PROXY_PROTOCOL = new Setting<>("GATEWAY_PROXY_PROTOCOL", "off",
            "'off', 'on' or 'auto'", ProxyProtocol::parse);
    static final Setting<Boolean> TRUST_FORWARDED = new Setting<>("GATEWAY_TRUST_FORWARDED", "false",
            "true or false", Parsers::bool);
    static final Setting<TrustedProxies> TRUSTED_PROXIES = new Setting<>("GATEWAY_TRUSTED_PROXIES",
            TrustedProxies.LOOPBACK, "a comma-separated list of CIDRs such as 10.0.0.0/8,fd00::/8 (may be empty)",
            TrustedProxies::parse);
    static final Setting<String> JWT_KEYS = new Setting<>("GATEWAY_JWT_KEYS", null,
            "a path to a PEM or JWKS file, an http(s) URL of a JWKS document, or 'crossbar'", Parsers::text);
    static final Setting<Duration> CLOCK_SKEW = new Setting<>("GATEWAY_CLOCK_SKEW", "30s",
            "a duration of whole seconds such as 30s", GatewayConfig::wholeSeconds);
    static final Setting<Duration> JWKS_REFRESH = new Setting<>("GATEWAY_JWKS_REFRESH", "5m",
            "a duration such as 5m", GatewayConfig::positiveDuration);
    static final Setting<String> CROSSBAR_URL = new Setting<>("GATEWAY_CROSSBAR_URL", null,
            "an http:// or https:// base URL such as http://crossbar:8000", GatewayConfig::baseUrl);
    static final Setting<String> ACCOUNTS_FILE = new Setting<>("GATEWAY_ACCOUNTS_FILE", null,
            "a path to an accounts JSON file", Parsers::text);
    static final Setting<Duration> AUTHZ_CACHE_TTL = new Setting<>("GATEWAY_AUTHZ_CACHE_TTL", "60s",
            "a duration such as 60s (0 = no reuse)", Parsers::duration);
    static final Setting<String> CATALOG = new Setting<>("GATEWAY_CATALOG", null,
            "a path to a catalogue JSON file", Parsers::text);
    static final Setting<PayloadForm> PAYLOAD_FORM = new Setting<>("GATEWAY_PAYLOAD_FORM", "kazoo",
            "'kazoo' or 'raw'", PayloadForm::parse);
    static final Setting<Integer> OUTBOX_FRAMES = new Setting<>("GATEWAY_OUTBOX_FRAMES", "1000",
            "a whole number >= 1", Parsers::positiveInt);
    static final Setting<Long> OUTBOX_BYTES = new Setting<>("GATEWAY_OUTBOX_BYTES", "1MiB",
            "a size such as 1048576 or 1MiB", Parsers::bytes);
    static final Setting<OverflowPolicy> OVERFLOW = new Setting<>("GATEWAY_OVERFLOW", "drop_oldest",
            "'drop_oldest', 'drop_newest' or 'close'", OverflowPolicy::parse);
    static final Setting<Long> MAX_FRAME = new Setting<>("GATEWAY_MAX_FRAME", "64KiB",
            "a size such as 65536 or 64KiB, at most 16MiB", GatewayConfig::frameSize);
    static final Setting<Duration> PING_INTERVAL = new Setting<>("GATEWAY_PING_INTERVAL", "30s",
            "a duration such as 30s", GatewayConfig::positiveDuration);
    static final Setting<Duration> PING_TIMEOUT = new Setting<>("GATEWAY_PING_TIMEOUT", null,
            "a duration such as 60s (default: twice the ping interval)", GatewayConfig::positiveDuration);
    static final Setting<Duration> HANDSHAKE_TIMEOUT = new Setting<>("GATEWAY_HANDSHAKE_TIMEOUT", "10s",
            "a duration such as 10s", GatewayConfig::positiveDuration);
    static final Setting<Duration> AUTH_TIMEOUT = new Setting<>("GATEWAY_AUTH_TIMEOUT", "30s",
            "a duration such as 30s", GatewayConfig::positiveDuration);
    static final Setting<Integer> RATE_BURST = new Setting<>("GATEWAY_RATE_BURST", "100",
            "a whole number >= 1", Parsers::positiveInt);
    static final Setting<Double> RATE_PER_SECOND = new Setting<>("GATEWAY_RATE_PER_SECOND", "10",
            "a positive number", Parsers::positiveDouble);
    static final Setting<Integer> MAX_BINDINGS = new Setting<>("GATEWAY_MAX_BINDINGS", "1000",
            "a whole number >= 1", Parsers::positiveInt);
    static final Setting<Integer> MAX_BINDINGS_PER_REQUEST = new Setting<>("GATEWAY_MAX_BINDINGS_PER_REQUEST",
            "100", "a whole number >= 1", Parsers::positiveInt);
    static final Setting<Integer> MAX_CONN_PER_IP = new Setting<>("GATEWAY_MAX_CONN_PER_IP", "0",
            "a whole number >= 0 (0 = no limit)", Parsers::nonNegativeInt);
    static final Setting<List<String>> ALLOWED_ORIGINS = new Setting<>("GATEWAY_ALLOWED_ORIGINS", null,
            "a comma-separated list of origins such as https://ui.example.com", Parsers::list);
    static final Setting<Duration> UNBIND_GRACE = new Setting<>("GATEWAY_UNBIND_GRACE", "10s",
            "a duration such as 10s", Parsers::duration);
    static final Setting<Duration> DRAIN = new Setting<>("GATEWAY_DRAIN", "30s",
            "a duration such as 30s", Parsers::duration);

    static final Setting<Duration> ACCOUNT_WAIT = new Setting<>("GATEWAY_ACCOUNT_WAIT", "2s",
            "a duration such as 2s (0 = hold nothing)", Parsers::duration);
    static final Setting<Integer> ACCOUNT_WAIT_EVENTS = new Setting<>("GATEWAY_ACCOUNT_WAIT_EVENTS", "10000",
            "a whole number >= 1", Parsers::positiveInt);
    static final Setting<Long> ACCOUNT_WAIT_BYTES = new Setting<>("GATEWAY_ACCOUNT_WAIT_BYTES", "8MiB",
            "a size such as 8388608 or 8MiB", Parsers::bytes);

    static final Setting<Boolean> DEMO = new Setting<>("GATEWAY_DEMO", null,
            "true or false (default: true with the embedded broker, else false)", Parsers::bool);
    static final Setting<Double> DEMO_RATE = new Setting<>("GATEWAY_DEMO_RATE", "20",
            "a number of events per second, above 0 and at most 10000", GatewayConfig::demoRate);

    static final List<Setting<?>> ALL = List.of(AMQP_URI, AMQP_PREFETCH, AMQP_HEARTBEAT, WS_HOST, WS_PORT, WSS_PORT, TLS_CERT, TLS_KEY,
            TLS_RELOAD, PROXY_PROTOCOL, TRUST_FORWARDED, TRUSTED_PROXIES, JWT_KEYS, JWKS_REFRESH, CLOCK_SKEW,
            CROSSBAR_URL, ACCOUNTS_FILE, AUTHZ_CACHE_TTL, CATALOG, PAYLOAD_FORM, OUTBOX_FRAMES, OUTBOX_BYTES, OVERFLOW, MAX_FRAME, PING_INTERVAL,
            PING_TIMEOUT, HANDSHAKE_TIMEOUT, AUTH_TIMEOUT, RATE_BURST, RATE_PER_SECOND, MAX_BINDINGS, MAX_BINDINGS_PER_REQUEST,
            MAX_CONN_PER_IP, ALLOWED_ORIGINS, UNBIND_GRACE, DRAIN, ACCOUNT_WAIT, ACCOUNT_WAIT_EVENTS,
            ACCOUNT_WAIT_BYTES, DEMO, DEMO_RATE);

    public GatewayConfig {
        amqpUris = List.copyOf(amqpUris);
        allowedOrigins = List.copyOf(allowedOrigins);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ConfigException("GATEWAY_TLS_CERT and GATEWAY_TLS_KEY: set both (wss) or neither");
        }
    }

    /** Reads the process environment (and the file it names). */
    public static GatewayConfig fromEnvironment() {
        return load(System.getenv());
    }

    /** Reads the given environment (and the file named by its {@code GATEWAY_CONFIG}). */
    public static GatewayConfig load(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        String file = env.get("GATEWAY_CONFIG");
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file.trim())));
        }
        for (Setting<?> s : ALL) {
            String v = env.get(s.env());
            if (v != null) {
                values.put(s.env(), v);
            }
        }
        return fromValues(values);
    }

    /** Builds a config from settings named by their environment variable; the rest default. */
    public static GatewayConfig fromValues(Map<String, String> values) {
        Duration pingInterval = value(values, PING_INTERVAL);
        Duration pingTimeout = values.containsKey(PING_TIMEOUT.env())
                ? value(values, PING_TIMEOUT) : pingInterval.multipliedBy(2);
        List<String> amqpUris = orElse(values, AMQP_URI, List.of());
        // demo events by default only where they cannot reach a real deployment
        boolean demo = values.containsKey(DEMO.env()) ? value(values, DEMO) : amqpUris.isEmpty();
        // demo mode hands out tokens to whoever reaches the port: loopback unless asked otherwise
        String wsHost = demo && !values.containsKey(WS_HOST.env()) ? "127.0.0.1" : value(values, WS_HOST);
        return new GatewayConfig(
                amqpUris,
                value(values, AMQP_PREFETCH),
                value(values, AMQP_HEARTBEAT),
                wsHost,
                value(values, WS_PORT),
                value(values, WSS_PORT),
                orElse(values, TLS_CERT, null),
                orElse(values, TLS_KEY, null),
                value(values, TLS_RELOAD),
                value(values, PROXY_PROTOCOL),
                value(values, TRUST_FORWARDED),
                value(values, TRUSTED_PROXIES),
                orElse(values, JWT_KEYS, null),
                value(values, JWKS_REFRESH),
                value(values, CLOCK_SKEW),
                orElse(values, CROSSBAR_URL, null),
                orElse(values, ACCOUNTS_FILE, null),
                value(values, AUTHZ_CACHE_TTL),
                orElse(values, CATALOG, null),
                value(values, PAYLOAD_FORM),
                value(values, OUTBOX_FRAMES),
                value(values, OUTBOX_BYTES),
                value(values, OVERFLOW),
                Math.toIntExact(value(values, MAX_FRAME)),
                pingInterval,
                pingTimeout,
                value(values, HANDSHAKE_TIMEOUT),
                value(values, AUTH_TIMEOUT),
                value(values, RATE_BURST),
                value(values, RATE_PER_SECOND),
                value(values, MAX_BINDINGS),
                value(values, MAX_BINDINGS_PER_REQUEST),
                value(values, MAX_CONN_PER_IP),
                orElse(values, ALLOWED_ORIGINS, List.of()),
                value(values, UNBIND_GRACE),
                value(values, DRAIN),
                value(values, ACCOUNT_WAIT),
                value(values, ACCOUNT_WAIT_EVENTS),
                value(values, ACCOUNT_WAIT_BYTES),
                demo,
                value(values, DEMO_RATE));
    }

    private static <T> T value(Map<String, String> values, Setting<T> s) {
        String text = values.get(s.env());
        return s.parse(text != null ? text : s.defaultText());
    }

    private static <T> T orElse(Map<String, String> values, Setting<T> s, T absent) {
        String text = values.get(s.env());
        return text == null || text.isBlank() ? absent : s.parse(text);
    }

    private static Map<String, String> readFile(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("GATEWAY_CONFIG: cannot read '" + path + "': " + e.getMessage());
        }
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            byKey.put(s.fileKey(), s);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            Setting<?> s = byKey.get(key);
            if (s == null) {
                throw new ConfigException("GATEWAY_CONFIG: unknown key '" + key + "' in " + path
                        + "; known keys: " + String.join(", ", byKey.keySet()));
            }
            values.put(s.env(), p.getProperty(key));
        }
        return values;
    }

    private static List<String> amqpUris(String text) {
        List<String> uris = Parsers.list(text);
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("no URI");
        }
        for (String uri : uris) {
            if (!uri.startsWith("amqp://") && !uri.startsWith("amqps://")) {
                throw new IllegalArgumentException("'" + uri + "' does not start with amqp:// or amqps://");
            }
            java.net.URI.create(uri);
        }
        return uris;
    }

    /** An absolute http(s) URL without a trailing slash, so that paths can be appended. */
    private static String baseUrl(String text) {
        java.net.URI uri = java.net.URI.create(text);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' is not an absolute http(s) URL");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("a base URL has no query or fragment");
        }
        String url = text;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    private static long frameSize(String text) {
        long size = Parsers.bytes(text);
        if (size > 16L * 1024 * 1024) {
            throw new IllegalArgumentException("over 16MiB");
        }
        return size;
    }

    private static double demoRate(String text) {
        double rate = Parsers.positiveDouble(text);
        if (rate > 10_000) {
            throw new IllegalArgumentException("over 10000");
        }
        return rate;
    }

    private static Duration wholeSeconds(String text) {
        Duration d = Parsers.duration(text);
        if (d.isNegative() || d.toMillis() % 1000 != 0 || d.toSeconds() > 3600) {
            throw new IllegalArgumentException("must be whole seconds between 0s and 1h");
        }
        return d;
    }

    private static Duration positiveDuration(String text) {
        Duration d = Parsers.duration(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return d;
    }
}
