package io.wormhole.gateway.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wormhole.gateway.session.OutboxOverflowException;
import io.wormhole.gateway.session.Session;
import io.wormhole.gateway.session.SessionServices;
import io.wormhole.gateway.session.Sessions;
import io.wormhole.protocol.CloseCode;
import io.wormhole.protocol.message.MessageCodec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One WebSocket connection as one pipeline (Reactor Netty's
 * {@code (inbound, outbound) -> Publisher<Void>}): inbound frames are read one at a
 * time into the session, which enqueues its replies; the session's outbox is written
 * out on demand; a ping goes out every ping interval through the same outbox and a
 * client that answers none within the ping timeout is closed with 1001. A text message
 * that is not valid UTF-8 closes the socket with 1007 and one over the size limit, in
 * one frame or in fragments, with 1009; frames after that are not read. The returned
 * {@code Mono} completes when the connection is over; the session is closed then.
 */
final class WebSocketPipeline {
    private static final Logger log = LoggerFactory.getLogger(WebSocketPipeline.class);
    /** Stands for a ping in the outbox: compared by identity, never written as text. */
    private static final byte[] PING = new byte[0];
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final SessionServices services;
    private final Sessions sessions;
    private final Duration pingInterval;
    private final Duration pingTimeout;

    WebSocketPipeline(SessionServices services, Sessions sessions, Duration pingInterval, Duration pingTimeout) {
        this.services = services;
        this.sessions = sessions;
        this.pingInterval = pingInterval;
        this.pingTimeout = pingTimeout;
    }

    Mono<Void> serve(WebsocketInbound in, WebsocketOutbound out, String address, int maxFrame) {
        AtomicReference<Connection> connection = new AtomicReference<>();
        in.withConnection(connection::set);
        AtomicBoolean closing = new AtomicBoolean();
        AtomicLong pingOutstandingSince = new AtomicLong(); // 0: no ping awaits its pong
        Session[] holder = new Session[1];
        Session session = new Session(MessageCodec.newRequestId(), address, services,
                code -> closeOnEventLoop(code, out, connection.get(), closing, holder[0]));
        holder[0] = session;
        sessions.add(session);

        Mono<Void> reading = in.aggregateFrames(maxFrame).receiveFrames()
                .map(WebSocketPipeline::readFrame) // the frame is released after onNext: read it now
                .concatMap(msg -> {
                    if (closing.get()) {
                        return Mono.empty();
                    }
                    if (msg.kind == Kind.INVALID_TEXT) {
                        closeWith(CloseCode.INVALID_PAYLOAD, out, connection.get(), closing, session);
                        return Mono.empty();
                    }
                    if (msg.text != null) {
                        return session.handle(msg.text);
                    }
                    if (msg.kind == Kind.BINARY) {
                        return session.handleBinary();
                    }
                    if (msg.kind == Kind.PONG) {
                        pingOutstandingSince.set(0);
                    }
                    return Mono.empty();
                })
                .then()
                // a message over the limit in fragments: the aggregator's error, which would
                // otherwise end the handler with an error and Reactor Netty close with 1002
                .onErrorResume(TooLongFrameException.class, e -> {
                    closeWith(CloseCode.TOO_BIG, out, connection.get(), closing, session);
                    return Mono.empty();
                })
                .doOnError(e -> {
                    if (tooBig(e)) {
                        sessions.closing(CloseCode.TOO_BIG); // Netty sent the 1009 itself
                    }
                })
                .doFinally(s -> session.close());

        Flux<WebSocketFrame> frames = session.outbox().frames()
                .map(bytes -> bytes == PING ? new PingWebSocketFrame()
                        : (WebSocketFrame) new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)))
                .onErrorResume(OutboxOverflowException.class, e -> {
                    // signalled on the thread that overflowed it (a 4008 on the AMQP delivery
                    // thread): the teardown takes locks and logs, so it runs on the socket's loop
                    closeOnEventLoop(e.closeCode(), out, connection.get(), closing, session);
                    return Flux.empty();
                });
        Mono<Void> writing = out.sendObject(frames).then()
                .onErrorResume(e -> {
                    log.debug("session {}: write failed: {}", session.id(), e.toString());
                    return Mono.empty();
                });

        long timeoutNanos = pingTimeout.toNanos();
        reactor.core.Disposable pinger = Flux.interval(pingInterval, Schedulers.parallel())
                .subscribe(t -> {
                    long now = System.nanoTime();
                    long since = pingOutstandingSince.get();
                    if (since != 0 && now - since > timeoutNanos) {
                        closeOnEventLoop(CloseCode.GOING_AWAY, out, connection.get(), closing, session);
                    } else if (since == 0) {
                        pingOutstandingSince.set(now);
                        session.outbox().offerControl(PING);
                    }
                });

        return Mono.when(reading, writing)
                .doFinally(s -> {
                    pinger.dispose();
                    session.close();
                    sessions.remove(session);
                });
    }

    /** Closes from any thread: the teardown itself runs on the connection's event loop. */
    private void closeOnEventLoop(CloseCode code, WebsocketOutbound out, Connection connection,
            AtomicBoolean closing, Session session) {
        EventLoop loop = connection == null ? null : connection.channel().eventLoop();
        if (loop == null || loop.inEventLoop()) {
            closeWith(code, out, connection, closing, session);
            return;
        }
        try {
            loop.execute(() -> closeWith(code, out, connection, closing, session));
        } catch (RejectedExecutionException shuttingDown) {
            closeWith(code, out, connection, closing, session);
        }
    }

    private void closeWith(CloseCode code, WebsocketOutbound out, Connection connection,
            AtomicBoolean closing, Session session) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        sessions.closing(code);
        log.info("session {}: closing with {} ({})", session.id(), code.status(), code.reason());
        out.sendClose(code.status(), code.reason())
                .onErrorResume(e -> Mono.empty())
                .then(Mono.delay(CLOSE_GRACE))
                .subscribe(v -> { }, e -> { }, () -> {
                    if (connection != null) {
                        connection.dispose(); // the peer did not finish the close handshake
                    }
                });
        session.close();
    }

    /** The inbound message was over the frame limit: Netty has closed with 1009. */
    private static boolean tooBig(Throwable e) {
        return e instanceof TooLongFrameException || e instanceof CorruptedWebSocketFrameException c
                && c.closeStatus() != null && c.closeStatus().code() == CloseCode.TOO_BIG.status();
    }

    private static Message readFrame(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            // Netty's text() would replace malformed bytes; RFC 6455 §8.1 wants the socket failed
            return ByteBufUtil.isText(frame.content(), StandardCharsets.UTF_8)
                    ? new Message(Kind.TEXT, ((TextWebSocketFrame) frame).text())
                    : new Message(Kind.INVALID_TEXT, null);
        }
        if (frame instanceof BinaryWebSocketFrame) {
            return new Message(Kind.BINARY, null);
        }
        if (frame instanceof PongWebSocketFrame) {
            return new Message(Kind.PONG, null);
        }
        return new Message(Kind.OTHER, null);
    }

    private enum Kind { TEXT, INVALID_TEXT, BINARY, PONG, OTHER }

    private record Message(Kind kind, String text) {
    }
}
