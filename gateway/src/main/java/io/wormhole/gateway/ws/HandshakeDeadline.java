package io.wormhole.gateway.ws;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import reactor.netty.NettyPipeline;

/**
 * The deadline of a connection that has not finished its HTTP request (operations:
 * {@code GATEWAY_HANDSHAKE_TIMEOUT}): armed when the connection is accepted and again
 * after each response on a kept-alive connection, disarmed once a whole request was
 * read, and removed once the WebSocket upgrade is answered (101). When it passes, the
 * connection is closed: a client that dribbles its headers (slowloris) or sends nothing
 * holds no file descriptor for longer than this.
 *
 * <p>Sits right after Reactor Netty's HTTP codec, so it sees whole HTTP objects. Threads:
 * the channel's event loop only (Netty calls handlers there; the timer runs there too).
 */
final class HandshakeDeadline extends ChannelDuplexHandler {
    static final String NAME = "wormhole.handshakeDeadline";
    private static final Logger log = LoggerFactory.getLogger(HandshakeDeadline.class);

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    HandshakeDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Adds a deadline behind the HTTP codec of a newly accepted connection. */
    static void install(ChannelPipeline pipeline, Duration timeout) {
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            // only HTTP objects disarm it: without the codec it would close every connection
            log.warn("no HTTP codec on connection {}; no handshake deadline", pipeline.channel());
            return;
        }
        pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new HandshakeDeadline(timeout));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof LastHttpContent) {
            disarm(); // the whole request is in: answering it is the node's business
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse r && r.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            disarm();
            super.write(ctx, msg, promise);
            ctx.pipeline().remove(this); // a WebSocket from here on: its own rules (pings, auth timeout)
            return;
        }
        if (msg instanceof LastHttpContent) {
            arm(ctx); // the response is out; a kept-alive connection has this long for its next request
        }
        super.write(ctx, msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> {
            log.debug("connection {}: no complete request within the handshake timeout; closing", ctx.channel());
            ctx.close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
