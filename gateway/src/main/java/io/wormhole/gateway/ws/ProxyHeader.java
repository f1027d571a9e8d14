package io.wormhole.gateway.ws;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;

/**
 * The HAProxy PROXY protocol header (v1 text, v2 binary) in front of a connection's
 * first byte, before TLS and HTTP. {@link #install} puts a detector first in a new
 * channel's pipeline: once the first bytes show a header, Netty's
 * {@link HAProxyMessageDecoder} reads it and the detector steps aside; with
 * {@link ProxyProtocol#ON} a connection that starts with anything else is closed, with
 * {@link ProxyProtocol#AUTO} it goes on as plain HTTP. A malformed header closes the
 * connection in both modes. The source address of the header is stored on the channel
 * ({@link #SOURCE}) only when the TCP peer is a trusted proxy; from anyone else the
 * header is read and dropped, so the client is known by its socket address.
 * The handlers run on the channel's event loop; each lives until the header was read.
 */
final class ProxyHeader {
    /** The client's address as a trusted proxy's header gave it; absent otherwise. */
    static final AttributeKey<InetAddress> SOURCE = AttributeKey.valueOf("wormhole.proxy.source");
    private static final Logger log = LoggerFactory.getLogger(ProxyHeader.class);

    private ProxyHeader() {
    }

    /** Called as a new connection's pipeline is set up; does nothing for {@link ProxyProtocol#OFF}. */
    static void install(Channel channel, ProxyProtocol mode, TrustedProxies trusted) {
        if (mode != ProxyProtocol.OFF) {
            channel.pipeline().addFirst(new Detector(mode, trusted));
        }
    }

    private static InetAddress peer(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        return remote instanceof InetSocketAddress i ? i.getAddress() : null;
    }

    /** Waits for enough bytes to tell a header from anything else. */
    private static final class Detector extends ByteToMessageDecoder {
        private final ProxyProtocol mode;
        private final TrustedProxies trusted;

        Detector(ProxyProtocol mode, TrustedProxies trusted) {
            this.mode = mode;
            this.trusted = trusted;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            ProtocolDetectionResult<HAProxyProtocolVersion> found = HAProxyMessageDecoder.detectProtocol(in);
            switch (found.state()) {
                case NEEDS_MORE_DATA:
                    return;
                case DETECTED:
                    // decoder and reader go right after this handler, so before TLS and HTTP
                    ctx.pipeline().addAfter(ctx.name(), null, new Reader(trusted));
                    ctx.pipeline().addAfter(ctx.name(), null, new HAProxyMessageDecoder());
                    ctx.pipeline().remove(this); // hands the bytes read so far to the decoder
                    return;
                default:
                    if (mode == ProxyProtocol.ON) {
                        log.debug("connection from {} without a PROXY header: closed", ctx.channel().remoteAddress());
                        in.skipBytes(in.readableBytes());
                        ctx.close();
                    } else {
                        ctx.pipeline().remove(this);
                    }
            }
        }
    }

    /** Takes the decoded header off the pipeline and keeps its source if the peer is trusted. */
    private static final class Reader extends ChannelInboundHandlerAdapter {
        private final TrustedProxies trusted;

        Reader(TrustedProxies trusted) {
            this.trusted = trusted;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HAProxyMessage header)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                Channel channel = ctx.channel();
                InetAddress source = header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null
                        ? NetUtil.createInetAddressFromIpAddressString(header.sourceAddress()) : null;
                if (source != null && trusted.contains(peer(channel))) {
                    channel.attr(SOURCE).set(source);
                } else if (source != null) {
                    log.debug("PROXY header from untrusted {} ignored (it named {})", channel.remoteAddress(),
                            header.sourceAddress());
                }
            } finally {
                header.release();
                ctx.pipeline().remove(this);
            }
            // nothing reached HTTP, which would ask for the next bytes: ask here, or a request
            // arriving after the header in a read of its own would wait forever
            if (!ctx.channel().config().isAutoRead()) {
                ctx.read();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("malformed PROXY header from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
