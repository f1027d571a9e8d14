package io.wormhole.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wormhole.gateway.amqp.AmqpSource;
import io.wormhole.gateway.amqp.BrokerState;
import io.wormhole.gateway.amqp.Delivery;
import io.wormhole.gateway.auth.AccountAuthorizer;
import io.wormhole.gateway.auth.TokenVerifier;
import io.wormhole.gateway.broker.EmbeddedBroker;
import io.wormhole.gateway.config.ConfigException;
import io.wormhole.gateway.config.GatewayConfig;
import io.wormhole.gateway.demo.DemoMode;
import io.wormhole.gateway.routing.AccountWait;
import io.wormhole.gateway.routing.Hub;
import io.wormhole.gateway.routing.RouteResult;
import io.wormhole.gateway.session.BrokerBindings;
import io.wormhole.gateway.session.Session;
import io.wormhole.gateway.session.SessionLimits;
import io.wormhole.gateway.session.SessionServices;
import io.wormhole.gateway.session.Sessions;
import io.wormhole.gateway.ws.GatewayServer;
import io.wormhole.protocol.CloseCode;
import io.wormhole.protocol.catalog.Catalog;
import io.wormhole.protocol.message.BrokerDown;
import io.wormhole.protocol.message.BrokerUp;
import io.wormhole.protocol.message.MessageCodec;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;

/**
 * A running gateway node: the composition root. {@link #start} binds the port at once
 * (upgrades get 503 until the broker is reached), connects to the broker in the
 * background, and from then on routes every delivery through the hub to the sessions.
 * The delivery subscription made here is the node's only long-lived subscription to
 * the broker.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final String NO_TOKEN_KEYS =
            "GATEWAY_JWT_KEYS is not set: no token can be verified, so every subscribe would be refused";

    private final GatewayConfig config;
    private final AmqpSource amqp;
    private final Hub hub;
    private final Sessions sessions = new Sessions();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean accepting = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Counter[] routed;
    private final DisposableServer server;
    private final DisposableServer secureServer;
    private final Disposable broker;
    private final EmbeddedBroker embeddedBroker;
    private final TokenVerifier verifier;
    private final DemoMode demo;
    private final Disposable starting;
    private final AccountAuthorizer authorizer;
    private volatile Disposable deliveries;

    private Gateway(GatewayConfig config, List<String> amqpUris, EmbeddedBroker embeddedBroker) {
        this.config = config;
        this.embeddedBroker = embeddedBroker;
        Catalog catalog = catalog(config);
        this.demo = demo(config, catalog);
        MessageCodec codec = new MessageCodec();
        // Held events' expiry timers only count an ending: short non-blocking tasks.
        this.hub = new Hub(codec, config.payloadForm(), new AccountWait(config.accountWait(),
                config.accountWaitEvents(), config.accountWaitBytes(), Schedulers.parallel()), this::count);
        this.amqp = new AmqpSource(amqpUris, config.amqpPrefetch(), config.amqpHeartbeat(), config.unbindGrace(),
                catalog.exchanges());
        BrokerBindings bindings = new BrokerBindings() {
            @Override
            public Mono<Void> acquire(String exchange, String pattern) {
                return amqp.acquire(exchange, pattern);
            }

            @Override
            public void release(String exchange, String pattern) {
                amqp.release(exchange, pattern);
            }
        };
        SessionLimits limits = new SessionLimits(config.outboxFrames(), config.outboxBytes(), config.overflow(),
                config.maxBindings(), config.maxBindingsPerRequest(), config.rateBurst(), config.ratePerSecond(),
                config.authTimeout());
        this.verifier = trustingDemo(verifier(config)).withClockSkew(config.clockSkew())
                .countingRejectionsIn(metrics);
        this.authorizer = authorizer(config).countingRejectionsIn(metrics);
        SessionServices services = new SessionServices(codec, catalog, verifier, authorizer, hub, bindings,
                limits, Schedulers.parallel());

        RouteResult.Outcome[] outcomes = RouteResult.Outcome.values();
        this.routed = new Counter[outcomes.length];
        for (RouteResult.Outcome o : outcomes) {
            routed[o.ordinal()] = Counter.builder("wormhole.events")
                    .description("deliveries consumed from the broker, by routing outcome;"
                            + " a held one again when its wait ends")
                    .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT)).register(metrics);
        }
        Gauge.builder("wormhole.sessions", sessions, Sessions::size)
                .description("open WebSocket sessions").register(metrics);
        registerSlowClientMetrics();
        Gauge.builder("wormhole.broker.bindings", amqp, AmqpSource::bindingCount)
                .description("distinct AMQP bindings held by this node").register(metrics);
        Gauge.builder("wormhole.events.held", hub, Hub::heldEvents)
                .description("events that name no account, waiting for it").register(metrics);
        Gauge.builder("wormhole.hub.patterns", hub, Hub::patternCount)
                .description("distinct patterns in the routing index").register(metrics);
        Gauge.builder("wormhole.broker.ready", amqp, a -> a.state() == BrokerState.READY ? 1 : 0)
                .description("1 when connected with every binding in place").register(metrics);
        for (BrokerState s : BrokerState.values()) {
            Gauge.builder("wormhole.broker.state", amqp, a -> a.state() == s ? 1 : 0)
                    .description("1 for the state the node is in with its broker")
                    .tag("state", s.name().toLowerCase(java.util.Locale.ROOT)).register(metrics);
        }
        FunctionCounter.builder("wormhole.broker.consumer.restarts", amqp, AmqpSource::consumerRestarts)
                .description("times the broker ended the consumer and the node consumed a new queue")
                .register(metrics);
        FunctionCounter.builder("wormhole.routing.errors", amqp, AmqpSource::routingErrors)
                .description("deliveries skipped because routing them threw").register(metrics);

        GatewayServer gatewayServer = new GatewayServer(config, services, sessions, new GatewayServer.NodeStatus() {
            @Override
            public boolean accepting() {
                return accepting.get();
            }

            @Override
            public String readiness() {
                if (draining.get()) {
                    return "draining";
                }
                if (noTokenKeys()) {
                    return "misconfigured";
                }
                return amqp.state().name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public String reason() {
                if (!draining.get() && noTokenKeys()) {
                    return NO_TOKEN_KEYS;
                }
                return amqp.reason();
            }
        }, metrics::scrape).withDemoToken(demo == null ? null : demo.tokenDocument());
        this.server = gatewayServer.bind();
        log.info("listening on {}:{}", config.wsHost(), server.port());
        this.secureServer = bindSecure(gatewayServer, server);
        if (demo != null) {
            log.warn("DEMO MODE: this node trusts a key it made itself and hands out tokens at /demo/token to"
                    + " anyone who reaches {}:{}; {}", config.wsHost(), server.port(),
                    isLoopback(config.wsHost()) ? "it listens on loopback only (set GATEWAY_WS_HOST to change that)"
                            : "GATEWAY_WS_HOST exposes it beyond this machine: do not do this where others can reach it");
        }

        BrokerState[] previous = {BrokerState.STARTING};
        this.broker = amqp.stateChanges().subscribe(state -> {
            if (state == BrokerState.RECOVERING) {
                sessions.broadcast(new BrokerDown());
            } else if (state == BrokerState.READY && previous[0] == BrokerState.RECOVERING) {
                sessions.broadcast(new BrokerUp());
            }
            previous[0] = state;
        });
        this.starting = amqp.start().subscribe(null, e -> log.error("could not start the broker side", e), () -> {
            deliveries = amqp.consume(this::route).subscribe(null,
                    e -> log.error("the broker consumer stopped for good", e),
                    () -> log.info("the broker consumer stopped"));
            accepting.set(true);
            log.info("ready: consuming queue {}", amqp.queueName());
            if (demo != null) {
                demo.start(amqpUris.get(0));
                System.out.println(demo.banner(consoleUrl()));
            }
        });
    }

    /**
     * Starts a node with these settings; throws {@link ConfigException} for unusable ones.
     * With no broker configured, the node starts an embedded one and owns it.
     */
    public static Gateway start(GatewayConfig config) {
        if (!config.amqpUris().isEmpty()) {
            return new Gateway(config, config.amqpUris(), null);
        }
        EmbeddedBroker embedded = EmbeddedBroker.start();
        try {
            return new Gateway(config, List.of(embedded.uri()), embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** The bound port (useful with {@code GATEWAY_WS_PORT=0}). */
    public int port() {
        return server.port();
    }

    /** The bound wss port, or -1 when no certificate is set. */
    public int securePort() {
        return secureServer == null ? -1 : secureServer.port();
    }

    public BrokerState brokerState() {
        return amqp.state();
    }

    /** Completes when the node is connected with every binding in place. */
    public Mono<Void> ready() {
        return amqp.stateChanges().filter(s -> s == BrokerState.READY).next()
                .then(Mono.defer(() -> accepting.get() ? Mono.<Void>empty()
                        : Mono.delay(Duration.ofMillis(20)).then(ready())));
    }

    /** Distinct AMQP bindings this node holds (including those in their grace period). */
    public int brokerBindings() {
        return amqp.bindingCount();
    }

    /** The name of this node's broker queue (a new one after each recovery), or null before start. */
    public String brokerQueue() {
        return amqp.queueName();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Turns {@code /readyz} to 503 and refuses upgrades at once, closes every session with
     * 1001 spread evenly over the drain window ({@link Drain}), keeps answering 503 until
     * the whole window has passed, then stops. Blocks the calling thread (the shutdown hook).
     */
    public void drainAndClose() {
        draining.set(true);
        List<Session> all = sessions.all();
        log.info("draining: /readyz answers 503 and upgrades are refused for {}; {} sockets closed over that window",
                config.drain(), all.size());
        try {
            Drain.spread(all, config.drain(), s -> s.closeWith(CloseCode.GOING_AWAY), Schedulers.parallel()).block();
        } catch (RuntimeException e) {
            log.warn("drain cut short: {}", e.toString());
        }
        close();
    }

    @Override
    public void close() {
        // Each step runs even when an earlier one fails (a dead broker connection makes
        // the consumer's cancel throw), so the port, the broker and the work files are
        // always released.
        Disposable d = deliveries;
        quietly("stop the demo", demo == null ? null : demo::close);
        quietly("stop connecting to the broker", starting::dispose);
        quietly("cancel the consumer", d == null ? null : d::dispose);
        quietly("stop broker notices", broker::dispose);
        quietly("close the sessions", () -> sessions.all().forEach(Session::close));
        quietly("close the port", () -> server.disposeNow(Duration.ofSeconds(5)));
        quietly("close the wss port", secureServer == null ? null : () -> secureServer.disposeNow(Duration.ofSeconds(5)));
        quietly("close the broker connection", amqp::close);
        quietly("stop the embedded broker", embeddedBroker == null ? null : embeddedBroker::close);
        quietly("stop refreshing token keys", verifier::close);
        quietly("close the authorizer", authorizer::close);
        quietly("close the metrics", metrics::close);
    }

    private static DisposableServer bindSecure(GatewayServer gatewayServer, DisposableServer plain) {
        try {
            DisposableServer secure = gatewayServer.bindSecure();
            if (secure != null) {
                log.info("listening for wss on {}", secure.address());
            }
            return secure;
        } catch (IllegalArgumentException e) {
            plain.disposeNow(Duration.ofSeconds(5));
            throw new ConfigException("GATEWAY_TLS_CERT / GATEWAY_TLS_KEY: " + e.getMessage());
        } catch (RuntimeException e) {
            plain.disposeNow(Duration.ofSeconds(5));
            throw e;
        }
    }

    private static void quietly(String what, Runnable step) {
        if (step == null) {
            return;
        }
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("on close: could not {}: {}", what, e.toString());
        }
    }

    /** What slow and misbehaving clients cost (docs/operations.md, Metrics). */
    private void registerSlowClientMetrics() {
        FunctionCounter.builder("wormhole.events.dropped", sessions, Sessions::droppedEvents)
                .description("event frames dropped by the overflow policy").register(metrics);
        for (CloseCode code : CloseCode.values()) {
            FunctionCounter.builder("wormhole.sessions.closed", sessions, s -> s.closes(code))
                    .description("sessions the node closed, by WebSocket close code")
                    .tag("code", Integer.toString(code.status())).register(metrics);
        }
        Gauge.builder("wormhole.sessions.paused", sessions, Sessions::pausedReaders)
                .description("sessions not read because their replies are not being read").register(metrics);
        Gauge.builder("wormhole.outbox.frames", sessions, Sessions::queuedFrames)
                .description("frames queued in every outbox").register(metrics);
        Gauge.builder("wormhole.outbox.frames.max", sessions, Sessions::queuedFramesMax)
                .description("the most frames queued in one outbox").register(metrics);
        Gauge.builder("wormhole.outbox.bytes", sessions, Sessions::queuedBytes)
                .description("bytes of event frames queued in every outbox").register(metrics);
    }

    private void route(Delivery d) {
        count(hub.route(d.exchange(), d.routingKey(), d.body()));
    }

    /** Counts a delivery's result; a held one is counted again when its wait ends. Any thread. */
    private void count(RouteResult r) {
        routed[r.outcome().ordinal()].increment();
    }

    private static Catalog catalog(GatewayConfig config) {
        Catalog builtIn = Catalog.kazooDefault();
        if (config.catalog() == null) {
            return builtIn;
        }
        try (InputStream in = Files.newInputStream(Path.of(config.catalog()))) {
            return builtIn.extendedWith(Catalog.load(in));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("GATEWAY_CATALOG: cannot use '" + config.catalog() + "': " + e.getMessage());
        }
    }

    /** Demo mode (GATEWAY_DEMO): accounts, tokens and an event publisher; else null. */
    private static DemoMode demo(GatewayConfig config, Catalog catalog) {
        if (!config.demo()) {
            return null;
        }
        try {
            return DemoMode.prepare(config.demoRate(), catalog.exchanges());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("GATEWAY_DEMO: " + e.getMessage());
        }
    }

    private TokenVerifier trustingDemo(TokenVerifier verifier) {
        return demo == null ? verifier : verifier.trustingAlso(List.of(demo.publicKey()));
    }

    /** No key to verify a token with, and no demo key either: the node cannot serve anyone. */
    private boolean noTokenKeys() {
        return config.jwtKeys() == null && demo == null;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("::1") || host.equals("localhost");
    }

    /** The console's address as a browser on this machine reaches it. */
    private String consoleUrl() {
        String host = config.wsHost();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + server.port() + "/";
    }

    private static TokenVerifier verifier(GatewayConfig config) {
        if (config.jwtKeys() == null) {
            if (!config.demo()) {
                log.error("{}; /readyz answers 503 until it is set", NO_TOKEN_KEYS);
            }
            return TokenVerifier.trustingNothing();
        }
        String keys = config.jwtKeys();
        if (keys.equals("crossbar")) {
            if (config.crossbarUrl() == null) {
                throw new ConfigException("GATEWAY_JWT_KEYS: 'crossbar' needs GATEWAY_CROSSBAR_URL");
            }
            log.info("token keys: Crossbar at {}, by each token's kid", config.crossbarUrl());
            return TokenVerifier.fromCrossbar(config.crossbarUrl());
        }
        if (keys.startsWith("http://") || keys.startsWith("https://")) {
            return TokenVerifier.fromJwksUrl(java.net.URI.create(keys), config.jwksRefresh());
        }
        try {
            return TokenVerifier.fromFile(Path.of(keys));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("GATEWAY_JWT_KEYS: " + e.getMessage());
        }
    }

    /** Crossbar when set, else the accounts file when set, else each token sees its own account only. */
    private static AccountAuthorizer authorizer(GatewayConfig config) {
        if (config.crossbarUrl() != null) {
            if (config.accountsFile() != null) {
                log.warn("GATEWAY_ACCOUNTS_FILE is ignored: GATEWAY_CROSSBAR_URL is set and answers instead");
            }
            log.info("authorisation: Crossbar at {}, answers reused for {}", config.crossbarUrl(),
                    config.authzCacheTtl());
            return AccountAuthorizer.crossbar(config.crossbarUrl(), config.authzCacheTtl());
        }
        if (config.accountsFile() != null) {
            try {
                AccountAuthorizer fromFile = AccountAuthorizer.fromFile(Path.of(config.accountsFile()));
                log.info("authorisation: account trees from {}", config.accountsFile());
                return fromFile;
            } catch (IllegalArgumentException e) {
                throw new ConfigException("GATEWAY_ACCOUNTS_FILE: " + e.getMessage());
            }
        }
        log.warn("neither GATEWAY_CROSSBAR_URL nor GATEWAY_ACCOUNTS_FILE is set: a token may see its own account only");
        return AccountAuthorizer.ownAccountOnly();
    }
}
