package io.wormhole.gateway.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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
 * <p>Acknowledgement: a delivery is acknowledged after it has been routed (its
 * {@code onNext} returned), in batches with {@code multiple=true}, so unacknowledged
 * deliveries never exceed the prefetch and the consumer never waits for a socket.
 * Thread-safe.
 */
public final class AmqpSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmqpSource.class);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);

    private final List<String> uris;
    private final int prefetch;
    private final Collection<String> exchanges;
    private final Duration unbindGrace;
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

    public AmqpSource(List<String> uris, int prefetch, Duration unbindGrace, Collection<String> exchanges) {
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("no broker URI");
        }
        this.uris = List.copyOf(uris);
        this.prefetch = prefetch;
        this.unbindGrace = unbindGrace;
        this.exchanges = List.copyOf(exchanges);
        this.ackEvery = Math.max(1, prefetch / 4);
        states.tryEmitNext(BrokerState.STARTING);
    }

    /**
     * Connects, retrying with back-off until the broker answers, then declares the
     * exchanges and the queue. Completes when the node can consume.
     */
    public Mono<Void> start() {
        // newConnection() is a blocking socket connect and handshake
        return Mono.fromCallable(this::connect)
                .subscribeOn(topologyScheduler)
                .doOnError(e -> log.warn("broker not reachable yet ({}); retrying", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
                .flatMap(conn -> {
                    topology = new Topology(conn, topologyScheduler, queue);
                    interest = new BrokerInterest(topology, unbindGrace, Schedulers.parallel());
                    return Flux.fromIterable(exchanges).concatMap(topology::ensureExchange)
                            .then(topology.declareQueue())
                            .doOnNext(name -> {
                                queue.set(name);
                                receiver = RabbitFlux.createReceiver(new ReceiverOptions()
                                        .connectionMono(Mono.just(conn))
                                        .connectionSubscriptionScheduler(topologyScheduler));
                            })
                            .then(interest.reconcile())
                            .doOnSuccess(v -> setState(BrokerState.READY));
                });
    }

    /**
     * The node's deliveries, hot from the first subscription on; emitted on amqp-client's
     * consumer thread. Subscribe once, after {@link #start()} completed.
     */
    public Flux<Delivery> deliveries() {
        ConsumeOptions options = new ConsumeOptions().qos(prefetch);
        long[] count = new long[1];
        return receiver.consumeManualAck(queue.get(), options)
                .handle((AcknowledgableDelivery d, reactor.core.publisher.SynchronousSink<Delivery> sink) -> {
                    sink.next(new Delivery(d.getEnvelope().getExchange(), d.getEnvelope().getRoutingKey(),
                            d.getBody()));
                    // onNext has returned: the delivery is routed, acknowledge (batched).
                    if (++count[0] % ackEvery == 0 || prefetch == 1) {
                        ackQuietly(d);
                    }
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
        setState(BrokerState.CLOSED);
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
        factory.setRequestedHeartbeat(15);
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
        Connection conn = factory.newConnection(addresses, "wormhole-gateway");
        AutorecoveringConnection recovering = (AutorecoveringConnection) conn;
        recovering.addQueueRecoveryListener((oldName, newName) -> queue.set(newName));
        recovering.addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecoveryStarted(Recoverable r) {
                log.warn("lost the broker; recovering");
                restoring.update(Disposables.disposed());
                interest.disconnected();
                setState(BrokerState.RECOVERING);
            }

            @Override
            public void handleRecovery(Recoverable r) {
                // Runs on amqp-client's recovery thread; the RPCs run on the topology scheduler.
                restoring.update(restore().subscribe(null,
                        e -> log.error("could not restore the bindings: {}", e.getMessage()),
                        () -> {
                            log.info("broker back; queue {} and {} bindings restored", queue.get(),
                                    interest.size());
                            setState(BrokerState.READY);
                        }));
            }
        });
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

    private void setState(BrokerState next) {
        if (state == BrokerState.CLOSED && next != BrokerState.CLOSED) {
            return;
        }
        state = next;
        states.emitNext(next, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }

    private static void ackQuietly(AcknowledgableDelivery d) {
        try {
            d.ack(true);
        } catch (RuntimeException e) {
            // the channel went away with the connection; the queue went with it
            log.debug("ack failed: {}", e.getMessage());
        }
    }
}
