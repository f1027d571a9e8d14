package io.wormhole.gateway.ws;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.NetUtil;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Who a client is, as the per-address limit, the logs and
 * {@code Session.remoteAddress} see it. Starting from the socket's peer: a PROXY
 * header's source replaces it when the peer was a trusted proxy ({@link ProxyHeader});
 * then, with {@code GATEWAY_TRUST_FORWARDED}, while the address so far is a trusted
 * proxy, the next hop to the left of {@code Forwarded} (RFC 7239 {@code for=}) or, when
 * that header is absent, {@code X-Forwarded-For} replaces it. The walk stops at the first
 * untrusted address (the client), at a hop that is no address literal ({@code unknown},
 * an obfuscated name) and at the header's left end. Reactor Netty's own
 * {@code forwarded} and {@code proxyProtocol} options are not used: they believe any
 * peer. Immutable; called on the event loop, never resolves a name.
 */
final class ClientAddress {
    private final TrustedProxies trusted;
    private final boolean trustForwarded;

    ClientAddress(TrustedProxies trusted, boolean trustForwarded) {
        this.trusted = trusted;
        this.trustForwarded = trustForwarded;
    }

    /** The request's client address as text, or {@code unknown} without a socket address. */
    String of(HttpServerRequest req) {
        InetSocketAddress remote = req.remoteAddress();
        InetAddress[] fromProxyHeader = new InetAddress[1];
        req.withConnection(c -> fromProxyHeader[0] = c.channel().attr(ProxyHeader.SOURCE).get());
        InetAddress address = resolve(remote == null ? null : remote.getAddress(), fromProxyHeader[0],
                req.requestHeaders());
        if (address != null) {
            return address.getHostAddress();
        }
        return remote == null ? "unknown" : remote.getHostString();
    }

    /**
     * @param peer             the TCP peer
     * @param fromProxyHeader  the source of a PROXY header already believed, or null
     * @param headers          the request's headers
     */
    InetAddress resolve(InetAddress peer, InetAddress fromProxyHeader, HttpHeaders headers) {
        InetAddress address = fromProxyHeader != null ? fromProxyHeader : peer;
        if (!trustForwarded || !trusted.contains(address)) {
            return address;
        }
        List<String> hops = headers.contains("Forwarded") ? forwardedFor(headers.getAll("Forwarded"))
                : split(headers.getAll("X-Forwarded-For"));
        for (int i = hops.size() - 1; i >= 0 && trusted.contains(address); i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            address = hop;
        }
        return address;
    }

    /** The {@code for=} value of each forwarded-element, in order; an element without one is an unknown hop. */
    private static List<String> forwardedFor(List<String> lines) {
        List<String> hops = new ArrayList<>();
        for (String element : split(lines)) {
            String node = "";
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                    node = pair.substring(eq + 1).trim();
                }
            }
            hops.add(node);
        }
        return hops;
    }

    private static List<String> split(List<String> lines) {
        List<String> items = new ArrayList<>();
        for (String line : lines) {
            for (String item : line.split(",")) {
                items.add(item.trim());
            }
        }
        return items;
    }

    /** An address literal, unquoted, without brackets or port ({@code "[2001:db8::1]:4711"}); else null. */
    private static InetAddress literal(String node) {
        String n = node;
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.startsWith("[")) {
            int close = n.indexOf(']');
            n = close < 0 ? "" : n.substring(1, close);
        } else if (n.indexOf(':') > 0 && n.indexOf(':') == n.lastIndexOf(':')) {
            n = n.substring(0, n.indexOf(':')); // IPv4 with a port
        }
        return NetUtil.createInetAddressFromIpAddressString(n);
    }
}
