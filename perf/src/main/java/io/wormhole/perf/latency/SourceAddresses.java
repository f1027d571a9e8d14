package io.wormhole.perf.latency;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.netty.http.client.HttpClient;

/**
 * Spreads the probe's connections over several local loopback addresses. Linux picks an
 * ephemeral port per (source address, destination) pair from about 28,000
 * ({@code net.ipv4.ip_local_port_range} 32768–60999 here), and ports in TIME_WAIT from an
 * earlier run stay taken for a minute; with several sources (every 127.x.y.z is the
 * loopback) 10,000 sockets to one gateway port are far from that limit. The gateway sees
 * several client addresses, which matters for {@code GATEWAY_MAX_CONN_PER_IP}.
 */
final class SourceAddresses {
    private SourceAddresses() {
    }

    /** The client, binding each new connection to the next address in turn; unchanged when empty. */
    static HttpClient bind(HttpClient http, List<String> sources) {
        if (sources.isEmpty()) {
            return http;
        }
        List<InetSocketAddress> addresses = sources.stream().map(a -> new InetSocketAddress(a, 0)).toList();
        AtomicInteger next = new AtomicInteger();
        return http.bindAddress(() -> addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size())));
    }
}
