package io.wormhole.perf.latency;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

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
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final int index;
    private final Target target;
    private final Deliveries deliveries;
    private final Sinks.One<Void> ready = Sinks.one();
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
                    Flux<WebSocketFrame> frames = Flux.concat(Flux.fromIterable(target.greeting(index)), keepAlive)
                            .map(TextWebSocketFrame::new);
                    Mono<Void> sending = out.sendObject(frames).then();
                    Mono<Void> reading = in.receiveFrames().doOnNext(c::onFrame).then();
                    return Mono.firstWithSignal(reading, sending.then(Mono.never()));
                })
                .subscribe(null, e -> c.ended(e.toString()), () -> c.ended("the connection closed"));
        return c.ready.asMono().thenReturn(c);
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
