package io.wormhole.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.NetUtil;

class ClientAddressTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse("127.0.0.0/8,10.0.0.0/8");
    private final ClientAddress trusting = new ClientAddress(PROXIES, true);

    @ParameterizedTest(name = "X-Forwarded-For: {0} via {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "203.0.113.9                        | 10.0.0.1     | 203.0.113.9",
        "203.0.113.9, 10.0.0.7              | 10.0.0.1     | 203.0.113.9",
        "198.51.100.1, 203.0.113.9, 10.0.0.7 | 10.0.0.1    | 203.0.113.9",
        "203.0.113.9:5123                   | 10.0.0.1     | 203.0.113.9",
        "2001:db8::9                        | 10.0.0.1     | 2001:db8::9",
        "[2001:db8::9]:5123                 | 10.0.0.1     | 2001:db8::9",
        "unknown                            | 10.0.0.1     | 10.0.0.1",
        "proxy.example.com, 10.0.0.7        | 10.0.0.1     | 10.0.0.7",
        "10.0.0.8, 10.0.0.7                 | 10.0.0.1     | 10.0.0.8",
        "203.0.113.9                        | 192.0.2.50   | 192.0.2.50",
    })
    void resolve_xForwardedFor_takesTheRightmostAddressThatIsNoTrustedProxy(String header, String peer,
            String expected) {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", header);
        assertThat(trusting.resolve(ip(peer), null, h)).isEqualTo(ip(expected));
    }

    @ParameterizedTest(name = "Forwarded: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "for=203.0.113.9                                           | 203.0.113.9",
        "for=203.0.113.9;proto=https;by=10.0.0.1                   | 203.0.113.9",
        "for=198.51.100.1, for=\"203.0.113.9:4711\", for=10.0.0.7  | 203.0.113.9",
        "For=\"[2001:db8:cafe::17]:4711\"                           | 2001:db8:cafe::17",
        "for=_hidden                                               | 10.0.0.1",
        "proto=https                                               | 10.0.0.1",
    })
    void resolve_forwarded_readsTheForParameters(String header, String expected) {
        HttpHeaders h = new DefaultHttpHeaders().add("Forwarded", header);
        assertThat(trusting.resolve(ip("10.0.0.1"), null, h)).isEqualTo(ip(expected));
    }

    @Test
    void resolve_bothHeaders_forwardedWins() {
        HttpHeaders h = new DefaultHttpHeaders().add("Forwarded", "for=203.0.113.9")
                .add("X-Forwarded-For", "198.51.100.1");
        assertThat(trusting.resolve(ip("10.0.0.1"), null, h)).isEqualTo(ip("203.0.113.9"));
    }

    @Test
    void resolve_severalHeaderLines_areOneListInOrder() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "203.0.113.9")
                .add("X-Forwarded-For", "10.0.0.7");
        assertThat(trusting.resolve(ip("10.0.0.1"), null, h)).isEqualTo(ip("203.0.113.9"));
    }

    @Test
    void resolve_forwardedNotTrusted_keepsThePeer() {
        ClientAddress ignoring = new ClientAddress(PROXIES, false);
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "203.0.113.9");
        assertThat(ignoring.resolve(ip("10.0.0.1"), null, h)).isEqualTo(ip("10.0.0.1"));
    }

    @Test
    void resolve_proxyHeaderSource_replacesThePeerAndIsWhereTheWalkStarts() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "198.51.100.1");
        assertThat(trusting.resolve(ip("10.0.0.1"), ip("203.0.113.9"), h)).as("an untrusted source ends the walk")
                .isEqualTo(ip("203.0.113.9"));
        assertThat(trusting.resolve(ip("10.0.0.1"), ip("10.0.0.2"), h)).as("a trusted source goes on to the header")
                .isEqualTo(ip("198.51.100.1"));
    }

    private static InetAddress ip(String text) {
        return NetUtil.createInetAddressFromIpAddressString(text);
    }
}
