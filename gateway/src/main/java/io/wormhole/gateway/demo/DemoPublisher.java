package io.wormhole.gateway.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.RabbitFlux;
import reactor.rabbitmq.SendOptions;
import reactor.rabbitmq.Sender;
import reactor.rabbitmq.SenderOptions;
import reactor.util.retry.Retry;

/**
 * Publishes the {@link KazooScript}'s events on the broker at a steady rate, through
 * Reactor RabbitMQ's {@link Sender} on a connection of its own to the node's broker (a
 * separate connection, as a Kazoo cluster's publishers are separate from the gateway's
 * consumer; flow control on it never slows the node's consumer).
 *
 * <p>Pacing: a tick every {@code clamp(1/rate, 10 ms, 100 ms)} on the publisher's own
 * thread; each tick publishes the whole number of events the rate has accumulated, so
 * any rate from a fraction of one per second to thousands is kept on average. The
 * script, the ticks and {@code basicPublish} all run on that one thread.
 *
 * <p>Failure: a publish that fails (broker away, exchange missing after a broker
 * restart) ends the current send; it starts again, on a new channel, after
 * {@value #RETRY_SECONDS} s, for as long as the publisher runs. Events are not kept
 * meanwhile: the demo is a live source, like Kazoo.
 */
final class DemoPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoPublisher.class);
    private static final long RETRY_SECONDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties.Builder()
            .contentType("application/json").deliveryMode(1).build();

    private final String uri;
    private final double rate;
    private final KazooScript script;
    private final Scheduler thread = Schedulers.newSingle("demo-publisher", true);
    private final Sender sender;
    private volatile Connection connection;
    private volatile Disposable running;
    private double owed;

    DemoPublisher(String uri, double rate, KazooScript script) {
        this.uri = uri;
        this.rate = rate;
        this.script = script;
        this.sender = RabbitFlux.createSender(new SenderOptions()
                .connectionMono(Mono.fromCallable(this::connection).subscribeOn(thread))
                .resourceManagementScheduler(thread)
                .connectionSubscriptionScheduler(thread));
    }

    /** Starts publishing; returns at once. */
    void start() {
        SendOptions failFast = new SendOptions().exceptionHandler((context, e) -> {
            throw new IllegalStateException("publish on '" + context.getMessage().getExchange() + "' failed: "
                    + e.getMessage(), e);
        });
        running = sender.send(paced(), failFast)
                .doOnError(e -> log.warn("demo events paused: {}; retrying in {} s", e.getMessage(), RETRY_SECONDS))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofSeconds(RETRY_SECONDS)))
                .subscribe(null, e -> log.error("demo publisher stopped", e));
        log.info("demo: publishing Kazoo events at {} per second", DemoMode.perSecond(rate));
    }

    /** Stops publishing and closes the connection; safe to call more than once. */
    @Override
    public void close() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        sender.close();
        Connection c = connection;
        if (c != null && c.isOpen()) {
            try {
                c.close(2000);
            } catch (Exception e) {
                log.debug("closing the demo connection: {}", e.getMessage());
            }
        }
        thread.dispose();
    }

    private Flux<OutboundMessage> paced() {
        Duration tick = Duration.ofNanos((long) Math.max(10_000_000, Math.min(100_000_000, 1e9 / rate)));
        double perTick = rate * tick.toNanos() / 1e9;
        return Flux.interval(tick, thread)
                .onBackpressureDrop()
                .concatMapIterable(t -> batch(perTick));
    }

    /** The events owed for one tick (runs on the publisher's thread). */
    private List<OutboundMessage> batch(double perTick) {
        owed += perTick;
        int n = (int) owed;
        owed -= n;
        List<OutboundMessage> out = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            DemoEvent e = script.next(now);
            try {
                out.add(new OutboundMessage(e.exchange(), e.routingKey(), PROPERTIES, JSON.writeValueAsBytes(e.payload())));
            } catch (JsonProcessingException x) {
                throw new IllegalStateException("a demo payload of strings and numbers did not encode", x);
            }
        }
        return out;
    }

    /** The connection, made on first use; amqp-client's automatic recovery keeps it afterwards. */
    private synchronized Connection connection() throws Exception {
        if (connection == null) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            factory.setAutomaticRecoveryEnabled(true);
            factory.setNetworkRecoveryInterval(1000);
            connection = factory.newConnection("wormhole-demo");
        }
        return connection;
    }
}
