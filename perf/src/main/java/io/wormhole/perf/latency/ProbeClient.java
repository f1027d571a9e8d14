package io.wormhole.perf.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * One subscribed WebSocket client: connects, sends the target's greeting, then reads
 * frames on its event loop until closed. Each text frame is timed on arrival, copied into
 * a per-thread scratch array (no String decoding on the hot path) and handed to the
 * target's reader; Events go into the shared {@link Deliveries}.
 *
 * <p>Built and closed by the probe's main thread; everything else happens on the
 * connection's event loop.
 */
final class ProbeClient implements Target.Inbound {
    private static final int MAX_FRAME = 1 << 20;
    private static final int OPENING_AT_ONCE = 64;
    private static final long POLL_MILLIS = 50;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final int index;
    private final Target target;
    private final Deliveries deliveries;
    private final Sinks.One<Void> ready = Sinks.one();
    /** Frames sent on demand after the greeting ({@link #send}); one producer thread at a time. */
    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private Disposable lifetime;
    private volatile boolean isReady;
    private volatile boolean closing;
    private volatile String ending;
    /** Arrival time of the frame being read; only touched on this client's event loop. */
    private long receivedAt;

    private ProbeClient(int index, Target target, Deliveries deliveries) {
        this.index = index;
        this.target = target;
        this.deliveries = deliveries;
    }

    /** Opens client {@code index}; the Mono completes when its subscription is in place. */
    static Mono<ProbeClient> open(HttpClient http, int index, Target target, Deliveries deliveries) {
        ProbeClient c = new ProbeClient(index, target, deliveries);
        c.lifetime = http.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build())
                .uri(target.uri())
                .handle((in, out) -> {
                    Flux<String> keepAlive = target.keepAliveEvery() == null ? Flux.never()
                            : Flux.interval(target.keepAliveEvery()).map(tick -> target.keepAlive());
                    Flux<WebSocketFrame> frames = Flux.concat(Flux.fromIterable(target.greeting(index)),
                                    Flux.merge(keepAlive, c.outbound.asFlux()))
                            .map(TextWebSocketFrame::new);
                    Mono<Void> sending = out.sendObject(frames).then();
                    Mono<Void> reading = in.receiveFrames().doOnNext(c::onFrame).then();
                    return Mono.firstWithSignal(reading, sending.then(Mono.never()));
                })
                .subscribe(null, e -> c.ended(e.toString()), () -> c.ended("the connection closed"));
        return c.ready.asMono().thenReturn(c);
    }

    /**
     * One client per event loop, each on its own one-thread loop group, bound to the source
     * addresses; client i of {@link #openAll} uses loop i mod L. Not one group of L threads:
     * Reactor Netty then kept nearly every connection on one loop (colocation: a connection
     * opened from a loop thread stays on it, and every client after the first 64 is opened
     * from another's callback), so before this the probe read every socket on one thread
     * whatever {@code --loops} said.
     */
    static List<HttpClient> clientsPerLoop(String prefix, int loops, List<String> sources) {
        List<HttpClient> http = new ArrayList<>();
        for (int k = 1; k <= loops; k++) {
            LoopResources loop = LoopResources.create(prefix + "-" + k, 1, 1, true, false);
            http.add(SourceAddresses.bind(HttpClient.create(ConnectionProvider.newConnection()).runOn(loop), sources));
        }
        return http;
    }

    /**
     * Opens clients {@code from} to {@code to - 1}, at most 64 at a time; null (after saying
     * why, prefixed with {@code label}) when one is refused or when no further client got
     * subscribed for 15 s: a server out of sockets leaves the rest waiting in its accept
     * backlog, and waiting longer changes nothing.
     */
    static List<ProbeClient> openAll(List<HttpClient> http, int from, int to, Target target,
            Deliveries deliveries, String label) throws InterruptedException {
        int wanted = to - from;
        List<ProbeClient> clients = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        Disposable opening = Flux.range(from, wanted)
                .flatMap(i -> open(http.get(i % http.size()), i, target, deliveries), OPENING_AT_ONCE)
                .subscribe(clients::add, refused::set);
        int seen = 0;
        long progressAt = System.nanoTime();
        while (clients.size() < wanted) {
            if (refused.get() != null) {
                System.err.printf("%s: could not subscribe every client (%d of %d subscribed): %s%n", label,
                        from + clients.size(), to, refused.get().getMessage());
                return null;
            }
            if (clients.size() > seen) {
                seen = clients.size();
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > STALL_NANOS) {
                opening.dispose();
                System.err.printf("%s: could not subscribe every client: %d of %d subscribed, none more in %d s%n",
                        label, from + clients.size(), to, TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS));
                return null;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return List.copyOf(clients);
    }

    /**
     * Queues a text frame, sent after the greeting; false when the client is closed. Callers
     * must not call this from two threads at once (the queue takes one producer).
     */
    boolean send(String frame) {
        return outbound.tryEmitNext(frame).isSuccess();
    }

    /** Closes the connection; later frames are ignored. */
    void close() {
        closing = true;
        lifetime.dispose();
    }

    /** Why the connection ended while the probe was running, or null. */
    String ending() {
        return ending;
    }

    private void onFrame(WebSocketFrame frame) {
        long now = System.nanoTime();
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        ByteBuf content = frame.content();
        int length = content.readableBytes();
        byte[] scratch = SCRATCH.get();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
            SCRATCH.set(scratch);
        }
        content.getBytes(content.readerIndex(), scratch, 0, length);
        receivedAt = now;
        target.read(scratch, length, this);
    }

    @Override
    public void ready() {
        if (!isReady) {
            isReady = true;
            ready.tryEmitEmpty();
        }
    }

    @Override
    public void refused(String why) {
        ready.tryEmitError(new IllegalStateException("client " + index + " refused: " + why));
        if (isReady) {
            System.err.println("client " + index + ": " + why);
        }
    }

    @Override
    public void event(long intendedNanos) {
        deliveries.event(intendedNanos, receivedAt);
    }

    @Override
    public void dropped(long count) {
        deliveries.dropped(count);
    }

    private void ended(String why) {
        if (closing) {
            return;
        }
        ready.tryEmitError(new IllegalStateException("client " + index + " ended before it was subscribed: " + why));
        if (isReady && ending == null) {
            ending = why;
            deliveries.clientEnded();
        }
    }
}
