package io.wormhole.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class ProxyHeaderTest {
    private static final String REQUEST = "GET /ws HTTP/1.1\r\nHost: x\r\n\r\n";

    @ParameterizedTest(name = "{0}, header and request in one read: {1}")
    @CsvSource({"ON, true", "ON, false", "AUTO, true", "AUTO, false"})
    void v2HeaderThenRequest_passesTheRequestOn(ProxyProtocol mode, boolean oneRead) {
        EmbeddedChannel channel = new EmbeddedChannel();
        ProxyHeader.install(channel, mode, TrustedProxies.parse("0.0.0.0/0"));
        byte[] request = REQUEST.getBytes(StandardCharsets.US_ASCII);
        if (oneRead) {
            channel.writeInbound(Unpooled.wrappedBuffer(v2(), request));
        } else {
            channel.writeInbound(Unpooled.wrappedBuffer(v2()));
            channel.writeInbound(Unpooled.wrappedBuffer(request));
        }
        ByteBuf passed = channel.readInbound();
        assertThat(passed.toString(StandardCharsets.US_ASCII)).isEqualTo(REQUEST);
    }

    @ParameterizedTest
    @EnumSource(value = ProxyProtocol.class, names = {"ON", "AUTO"})
    void headerAlone_withoutAutoRead_asksForTheRequest(ProxyProtocol mode) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAutoRead(false); // as Reactor Netty's server runs
        ProxyHeader.install(channel, mode, TrustedProxies.parse("0.0.0.0/0"));
        AtomicInteger reads = new AtomicInteger();
        channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext ctx) {
                reads.incrementAndGet();
                ctx.read();
            }
        });
        channel.writeInbound(Unpooled.wrappedBuffer(v2()));
        assertThat((Object) channel.readInbound()).as("nothing for HTTP yet").isNull();
        assertThat(reads).as("reads asked for after the header was taken").hasPositiveValue();
    }

    @Test
    void on_requestWithoutAHeader_closesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ProxyHeader.install(channel, ProxyProtocol.ON, TrustedProxies.parse("0.0.0.0/0"));
        channel.writeInbound(Unpooled.wrappedBuffer(REQUEST.getBytes(StandardCharsets.US_ASCII)));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void auto_requestWithoutAHeader_passesOnUntouched() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ProxyHeader.install(channel, ProxyProtocol.AUTO, TrustedProxies.parse("0.0.0.0/0"));
        channel.writeInbound(Unpooled.wrappedBuffer(REQUEST.getBytes(StandardCharsets.US_ASCII)));
        ByteBuf passed = channel.readInbound();
        assertThat(passed.toString(StandardCharsets.US_ASCII)).isEqualTo(REQUEST);
        assertThat(channel.isOpen()).isTrue();
    }

    private static byte[] v2() {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0, 12});
        b.put(new byte[] {(byte) 198, 51, 100, 1, 127, 0, 0, 1, (byte) 0x9c, 0x40, 0x15, (byte) 0xb3});
        return b.array();
    }
}
