package io.wormhole.gateway.ws;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.util.NetUtil;

/**
 * The address ranges ({@code GATEWAY_TRUSTED_PROXIES}, CIDR notation, a bare address is
 * one host) whose PROXY header or {@code Forwarded} / {@code X-Forwarded-For} header
 * is believed. Only address literals are accepted, so matching never resolves a name.
 * An IPv4 range never matches an IPv6 address and the other way round. Immutable.
 */
public final class TrustedProxies {
    /** The default: the loopback ranges of both families. */
    public static final String LOOPBACK = "127.0.0.0/8,::1/128";

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** A comma-separated list such as {@code 10.0.0.0/8, 192.0.2.7, fd00::/8}; empty trusts nobody. */
    public static TrustedProxies parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String item : text.split(",")) {
            String cidr = item.trim();
            if (!cidr.isEmpty()) {
                ranges.add(Range.parse(cidr));
            }
        }
        return new TrustedProxies(ranges);
    }

    /** True when the address lies in one of the ranges; false for null. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }

    private record Range(byte[] network, int prefix, String text) {
        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] network = NetUtil.createByteArrayFromIpAddressString(host);
            if (network == null) {
                throw new IllegalArgumentException("'" + host + "' is not an IP address");
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("'" + cidr + "' has no prefix length 0.." + bits);
                }
            }
            return new Range(network, prefix, cidr);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
