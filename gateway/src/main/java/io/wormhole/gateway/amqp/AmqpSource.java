package io.wormhole.gateway.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.impl.recovery.AutorecoveringConnection;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import com.rabbitmq.client.impl.recovery.RecordedBinding;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.AcknowledgableDelivery;
import reactor.rabbitmq.ConsumeOptions;
import reactor.rabbitmq.RabbitFlux;
import reactor.rabbitmq.Receiver;
import reactor.rabbitmq.ReceiverOptions;
import reactor.util.retry.Retry;

/**
 * This node's view of the broker: connects (retrying until the broker answers),
 * declares the catalogue's exchanges when missing and one server-named exclusive
 * auto-delete queue, consumes it with an explicit prefetch, and keeps the bindings
 * that the sessions need (reference-counted, see {@link BrokerInterest}).
 *
 * <p>Recovery: amqp-client's automatic recovery re-opens the connection and restores
 * the queue (under a new name) and the consumer; bindings are left out of its topology
 * recovery on purpose, because this class restores exactly the bindings in use from
 * its own table, and only then reports {@link BrokerState#READY} again. While the
 * broker is away, the state is {@link BrokerState#RECOVERING} and sessions stay open.
 *
 * <p>The connection is watched directly too: when it closes, the node is
 * {@link BrokerState#RECOVERING} at once (amqp-client waits a recovery interval before
 * it says so), and a bind that finds the connection closed first counts as the same
 * outage ({@link BrokerInterest}).
 *
 * <p>The consumer: every end of it is an outage, never a silence. The broker may end a
 * consumer without touching the connection: it cancels it (the queue was deleted) or
 * closes its channel (a channel error, such as its {@code consumer_timeout}). The
 * consuming {@code Flux} then completes (or errors); {@link #consume} answers with
 * {@link BrokerState#RECOVERING}, a new queue with every binding in use, a new consumer,
 * then {@link BrokerState#READY} again, and counts the restart. A router that throws
 * loses that one delivery (counted), not the consumer.
 *
 * <p>Acknowledgement ({@link Acknowledgements}): a delivery is acknowledged after it has
 * been routed, in batches of a quarter of the prefetch with {@code multiple=true}, and
 * at most {@link #ACK_DELAY} later, so unacknowledged deliveries never exceed the
 * prefetch, the consumer never waits for a socket, and a quiet node never trips the
 * broker's consumer timeout. Thread-safe.
 */
public final class AmqpSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmqpSource.class);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);
    /** Longest wait of a routed delivery for its acknowledgement. */
    static final Duration ACK_DELAY = Duration.ofSeconds(1);

    private final List<String> uris;
    private final int prefetch;
    private final Duration heartbeat;
    private final Collection<String> exchanges;
    private final Duration unbindGrace;
    private final Scheduler timer;
    private final Connector connector;
    private final AtomicLong consumerRestarts = new AtomicLong();
    private final AtomicLong routingErrors = new AtomicLong();
    private volatile String reason;
    private final Scheduler topologyScheduler = Schedulers.newSingle("amqp-topology", true);
    private final AtomicReference<String> queue = new AtomicReference<>();
    private final Sinks.Many<BrokerState> states = Sinks.many().replay().latest();
    private volatile BrokerState state = BrokerState.STARTING;
    private volatile Connection connection;
    private volatile BrokerInterest interest;
    private volatile Topology topology;
    private final Disposable.Swap restoring = Disposables.swap();
    private volatile Receiver receiver;
    private final int ackEvery;

    /**
     * @param heartbeat AMQP heartbeat asked of the broker (whole seconds; zero: none)
     */
    public AmqpSource(List<String> uris, int prefetch, Duration heartbeat, Duration unbindGrace,
            Collection<String> exchanges) {
        this(uris, prefetch, heartbeat, unbindGrace, exchanges, Schedulers.parallel(), null);
    }

    /**
     * @param timer     runs the delayed acknowledgements, unbind grace periods and retries
     * @param connector opens the connection; null dials {@code uris} with amqp-client
     */
    AmqpSource(List<String> uris, int prefetch, Duration heartbeat, Duration unbindGrace,
            Collection<String> exchanges, Scheduler timer, Connector connector) {
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("no broker URI");
        }
        this.uris = List.copyOf(uris);
        this.prefetch = prefetch;
        this.heartbeat = heartbeat;
        this.unbindGrace = unbindGrace;
        this.exchanges = List.copyOf(exchanges);
        this.timer = timer;
        this.connector = connector;
        this.ackEvery = Math.max(1, prefetch / 4);
        states.tryEmitNext(BrokerState.STARTING);
    }

    /**
     * Connects, retrying with back-off until the broker answers, then declares the
     * exchanges and the queue. Completes when the node can consume.
     */
    public Mono<Void> start() {
        // newConnection() is a blocking socket connect and handshake
        return Mono.fromCallable(() -> watch(connector != null ? connector.open() : connect()))
                .subscribeOn(topologyScheduler)
                .doOnError(e -> {
                    reason = "broker not reachable: " + BrokerFailure.describe(e, uris.get(0));
                    log.warn("{}; retrying", reason);
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
                .flatMap(conn -> {
                    topology = new Topology(conn, topologyScheduler, queue);
                    interest = new BrokerInterest(topology, unbindGrace, timer, this::bindFoundOutage);
                    return Flux.fromIterable(exchanges).concatMap(topology::ensureExchange)
                            .then(topology.declareQueue())
                            .doOnNext(name -> {
                                queue.set(name);
                                receiver = RabbitFlux.createReceiver(new ReceiverOptions()
                                        .connectionMono(Mono.just(conn))
                                        .connectionSubscriptionScheduler(topologyScheduler));
                            })
                            .then(interest.reconcile())
                            .doOnSuccess(v -> setState(BrokerState.READY, null));
                });
    }

    /**
     * Consumes the node's queue until the node closes: each delivery is handed to the
     * router on amqp-client's consumer thread (the router must not block), then
     * acknowledged. When the broker ends the consumer, the node recovers and consumes
     * again (see the class comment); the returned {@code Mono} ends only by cancellation.
     * Subscribe once, after {@link #start()} completed.
     */
    public Mono<Void> consume(Consumer<Delivery> router) {
        return Mono.defer(() -> consumeOnce(router))
                .flatMap(this::renewConsumer)
                .repeat(() -> state != BrokerState.CLOSED)
                .then();
    }

    /** Consumes the current queue until the broker ends the consumer; emits why it ended. */
    private Mono<String> consumeOnce(Consumer<Delivery> router) {
        String name = queue.get();
        Acknowledgements acks = new Acknowledgements(ackEvery, ACK_DELAY, timer);
        AtomicReference<String> closedBecause = new AtomicReference<>();
        ConsumeOptions options = new ConsumeOptions().qos(prefetch)
                .channelCallback(channel -> channel.addShutdownListener(cause -> closedBecause
                        .compareAndSet(null, BrokerFailure.describe(cause, null))));
        return receiver.consumeManualAck(name, options)
                .doOnNext(d -> {
                    route(router, d);
                    acks.routed(() -> ackQuietly(d));
                })
                .doFinally(signal -> acks.close())
                .then(Mono.fromSupplier(() -> closedBecause.get() != null ? closedBecause.get()
                        : "the broker cancelled the consumer of queue " + name))
                .onErrorResume(e -> Mono.just("the consumer failed: " + BrokerFailure.describe(e, null)));
    }

    private void route(Consumer<Delivery> router, AcknowledgableDelivery d) {
        try {
            router.accept(new Delivery(d.getEnvelope().getExchange(), d.getEnvelope().getRoutingKey(),
                    d.getBody()));
        } catch (RuntimeException e) {
            long n = routingErrors.incrementAndGet();
            // one bug may hit every delivery: log the first and then every thousandth
            if (n == 1 || n % 1000 == 0) {
                log.error("routing a delivery (routing key '{}') failed ({} so far); it is skipped",
                        d.getEnvelope().getRoutingKey(), n, e);
            }
        }
    }

    /**
     * The consumer ended: an outage. A new queue (the old one is deleted, in case the
     * broker kept it), every binding in use, then ready; retried until it works.
     */
    private Mono<Void> renewConsumer(String why) {
        if (state == BrokerState.CLOSED) {
            return Mono.empty();
        }
        String old = queue.get();
        consumerRestarts.incrementAndGet();
        log.warn("the consumer of queue {} ended; consuming a new queue", old);
        outage(why); // the new queue has none of the bindings yet
        return topology.deleteQueue(old).onErrorResume(e -> Mono.empty())
                .thenMany(Flux.fromIterable(exchanges).concatMap(topology::ensureExchange))
                .then(topology.declareQueue())
                .doOnNext(queue::set)
                .then(Mono.defer(interest::reconcile))
                .doOnError(e -> log.warn("consuming a new queue: {}; retrying", e.getMessage()))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RECOVERY_INTERVAL).scheduler(timer))
                .doOnSuccess(v -> {
                    log.info("consuming queue {} with {} bindings", queue.get(), interest.size());
                    setState(BrokerState.READY, null);
                });
    }

    /** Completes when the broker has the binding, or at once while the broker is away. */
    public Mono<Void> acquire(String exchange, String pattern) {
        return interest.acquire(exchange, pattern);
    }

    /** Drops one use of the binding; the last one unbinds after the grace period. */
    public void release(String exchange, String pattern) {
        interest.release(exchange, pattern);
    }

    public BrokerState state() {
        return state;
    }

    /** Why the node is not ready (the broker's own words where it gave some), or null when it is. */
    public String reason() {
        return state == BrokerState.READY ? null : reason;
    }

    /** How many times the broker ended the consumer and the node consumed a new queue. */
    public long consumerRestarts() {
        return consumerRestarts.get();
    }

    /** Deliveries whose routing threw (each skipped, acknowledged, and counted here). */
    public long routingErrors() {
        return routingErrors.get();
    }

    /** Every state change, starting with the current state. */
    public Flux<BrokerState> stateChanges() {
        return states.asFlux();
    }

    /** Distinct (exchange, pattern) bindings this node holds or is about to release. */
    public int bindingCount() {
        BrokerInterest i = interest;
        return i == null ? 0 : i.size();
    }

    /** The name of this node's queue (changes after recovery), or null before start. */
    public String queueName() {
        return queue.get();
    }

    @Override
    public void close() {
        setState(BrokerState.CLOSED, "closed");
        restoring.dispose();
        BrokerInterest i = interest;
        if (i != null) {
            i.close();
        }
        Receiver r = receiver;
        if (r != null) {
            r.close();
        }
        Connection c = connection;
        if (c != null && c.isOpen()) {
            try {
                c.close(2000);
            } catch (Exception e) {
                log.debug("closing the broker connection: {}", e.getMessage());
            }
        }
        topologyScheduler.dispose();
    }

    private Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uris.get(0));
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(RECOVERY_INTERVAL.toMillis());
        factory.setRequestedHeartbeat((int) heartbeat.toSeconds());
        factory.setTopologyRecoveryFilter(new TopologyRecoveryFilter() {
            @Override
            public boolean filterBinding(RecordedBinding binding) {
                return false; // restored by reconcile(), from the table of bindings in use
            }
        });
        List<Address> addresses = new ArrayList<>();
        for (String uri : uris) {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(uri);
            addresses.add(new Address(f.getHost(), f.getPort()));
        }
        return factory.newConnection(addresses, "wormhole-gateway");
    }

    /** Follows the connection's losses and recoveries; returns it. */
    private Connection watch(Connection conn) {
        conn.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                outage("lost the connection: " + BrokerFailure.describe(cause, null));
            }
        });
        if (conn instanceof AutorecoveringConnection recovering) {
            // only the queue in use is followed: the record of an abandoned one may be recovered too
            recovering.addQueueRecoveryListener((oldName, newName) -> queue.compareAndSet(oldName, newName));
            recovering.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecoveryStarted(Recoverable r) {
                    outage("lost the connection; reconnecting");
                }

                @Override
                public void handleRecovery(Recoverable r) {
                    // Runs on amqp-client's recovery thread; the RPCs run on the topology scheduler.
                    restoreNow("broker back");
                }
            });
        }
        connection = conn;
        if (state == BrokerState.CLOSED) {
            // close() ran while this handshake was in flight and could not see the connection
            conn.abort(2000);
            throw new IllegalStateException("the node closed while connecting");
        }
        log.info("connected to {}", conn.getAddress());
        return conn;
    }

    /**
     * After a reconnection: the catalogue's exchanges (a restarted broker may have lost
     * non-durable ones), then every binding in use. Retried every second until all are
     * in place; a new connection loss cancels it.
     */
    private Mono<Void> restore() {
        return Flux.fromIterable(exchanges).concatMap(topology::ensureExchange)
                .then(Mono.defer(interest::reconcile))
                .doOnError(e -> log.warn("restoring after reconnection: {}; retrying", e.getMessage()))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RECOVERY_INTERVAL));
    }

    /** The queue or the connection is gone: nothing is bound any more, and restoring waits. */
    private void outage(String why) {
        restoring.update(Disposables.disposed());
        BrokerInterest i = interest;
        if (i != null) {
            i.disconnected();
        }
        if (brokerLost(why)) {
            log.warn("{}; recovering", why);
        }
    }

    /** A bind found the connection closed before anything else noticed. */
    private void bindFoundOutage() {
        if (brokerLost("a bind found the broker connection closed")) {
            log.warn("a bind found the broker connection closed; recovering");
            restoreNow("bindings restored");
        }
    }

    private void restoreNow(String what) {
        restoring.update(restore().subscribe(null,
                e -> log.error("could not restore the bindings: {}", e.getMessage()),
                () -> {
                    log.info("{}; queue {} and {} bindings in place", what, queue.get(), interest.size());
                    setState(BrokerState.READY, null);
                }));
    }

    /**
     * Moves a started node to {@link BrokerState#RECOVERING}; true when this call moved
     * it (false while starting, already recovering, or closed).
     */
    private boolean brokerLost(String why) {
        synchronized (states) {
            if (state != BrokerState.READY) {
                return false;
            }
            setState(BrokerState.RECOVERING, why);
            return true;
        }
    }

    private void setState(BrokerState next, String why) {
        synchronized (states) {
            if (state == BrokerState.CLOSED && next != BrokerState.CLOSED) {
                return;
            }
            reason = why;
            state = next;
            states.emitNext(next, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
        }
    }

    private static void ackQuietly(AcknowledgableDelivery d) {
        try {
            d.ack(true);
        } catch (RuntimeException e) {
            // the channel went away with the connection; the queue went with it
            log.debug("ack failed: {}", e.getMessage());
        }
    }

    /** Opens the broker connection (tests give a fake one). */
    @FunctionalInterface
    interface Connector {
        Connection open() throws Exception;
    }
}
