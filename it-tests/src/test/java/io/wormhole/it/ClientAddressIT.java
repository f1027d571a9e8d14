package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Operations "Behind a load balancer": the client address that the per-address limit
 * ({@code GATEWAY_MAX_CONN_PER_IP=1} here) counts comes from a PROXY protocol header
 * or {@code X-Forwarded-For}, believed only from {@code GATEWAY_TRUSTED_PROXIES}. Every
 * client is on 127.0.0.1 (the default trusted proxy); "behind the proxy" they differ
 * only by the address the header names.
 */
class ClientAddressIT {
    private static final Map<String, String> NO_HEADERS = Map.of();

    /** The two header versions, as bytes for a source and the node's port. */
    enum Version {
        V1(RawUpgrade::v1), V2(RawUpgrade::v2);

        final BiFunction<String, Integer, byte[]> header;

        Version(BiFunction<String, Integer, byte[]> header) {
            this.header = header;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ProxyProtocolOn {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_PROXY_PROTOCOL", "on", "GATEWAY_MAX_CONN_PER_IP", "1");

        @ParameterizedTest
        @EnumSource(Version.class)
        void twoClientsBehindOneProxy_areCountedByTheirOwnAddresses(Version v) {
            int port = gateway.port();
            try (RawUpgrade a = RawUpgrade.to(port, v.header.apply("198.51.100.1", port), NO_HEADERS);
                    RawUpgrade b = RawUpgrade.to(port, v.header.apply("198.51.100.2", port), NO_HEADERS);
                    RawUpgrade aAgain = RawUpgrade.to(port, v.header.apply("198.51.100.1", port), NO_HEADERS)) {
                assertThat(a.status()).isEqualTo(101);
                assertThat(b.status()).as("another address behind the same proxy").isEqualTo(101);
                assertThat(aAgain.status()).as("the first address again").isEqualTo(429);
            }
        }

        @Test
        void connectionWithoutAHeader_isClosedWithoutAnAnswer() {
            try (RawUpgrade bare = RawUpgrade.to(gateway.port(), new byte[0], NO_HEADERS)) {
                assertThat(bare.status()).isEqualTo(-1);
            }
        }

        @Test
        void malformedHeader_isClosedWithoutAnAnswer() {
            byte[] bad = "PROXY TCP4 not-an-address 127.0.0.1 1 2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try (RawUpgrade malformed = RawUpgrade.to(gateway.port(), bad, NO_HEADERS)) {
                assertThat(malformed.status()).isEqualTo(-1);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ProxyProtocolFromAnUntrustedPeer {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_PROXY_PROTOCOL", "on", "GATEWAY_MAX_CONN_PER_IP", "1",
                "GATEWAY_TRUSTED_PROXIES", "10.0.0.0/8");

        @ParameterizedTest
        @EnumSource(Version.class)
        void headersNamingDifferentAddresses_areIgnored_andThePeerIsCounted(Version v) {
            int port = gateway.port();
            try (RawUpgrade a = RawUpgrade.to(port, v.header.apply("198.51.100.1", port), NO_HEADERS);
                    RawUpgrade b = RawUpgrade.to(port, v.header.apply("198.51.100.2", port), NO_HEADERS)) {
                assertThat(a.status()).isEqualTo(101);
                assertThat(b.status()).as("both are 127.0.0.1").isEqualTo(429);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ProxyProtocolAuto {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_PROXY_PROTOCOL", "auto",
                "GATEWAY_MAX_CONN_PER_IP", "1");

        @Test
        void clientWithAHeader_andClientWithout_areBothServed() {
            int port = gateway.port();
            try (RawUpgrade proxied = RawUpgrade.to(port, RawUpgrade.v2("198.51.100.1", port), NO_HEADERS)) {
                assertThat(proxied.status()).isEqualTo(101);
                gateway.connect().assertServes();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ForwardedTrusted {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_TRUST_FORWARDED", "true",
                "GATEWAY_MAX_CONN_PER_IP", "1");

        @Test
        void twoClientsBehindOneHttpProxy_areCountedByTheirOwnAddresses() {
            int port = gateway.port();
            try (RawUpgrade a = RawUpgrade.to(port, new byte[0], Map.of("X-Forwarded-For", "203.0.113.1"));
                    RawUpgrade b = RawUpgrade.to(port, new byte[0], Map.of("Forwarded", "for=203.0.113.2"));
                    RawUpgrade aAgain = RawUpgrade.to(port, new byte[0], Map.of("X-Forwarded-For", "203.0.113.1"))) {
                assertThat(a.status()).isEqualTo(101);
                assertThat(b.status()).isEqualTo(101);
                assertThat(aAgain.status()).isEqualTo(429);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ForwardedFromAnUntrustedPeer {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_TRUST_FORWARDED", "true",
                "GATEWAY_MAX_CONN_PER_IP", "1", "GATEWAY_TRUSTED_PROXIES", "10.0.0.0/8");

        @Test
        void headersNamingDifferentAddresses_areIgnored_andThePeerIsCounted() {
            int port = gateway.port();
            try (RawUpgrade a = RawUpgrade.to(port, new byte[0], Map.of("X-Forwarded-For", "203.0.113.1"));
                    RawUpgrade b = RawUpgrade.to(port, new byte[0], Map.of("X-Forwarded-For", "203.0.113.2"))) {
                assertThat(a.status()).isEqualTo(101);
                assertThat(b.status()).as("both are 127.0.0.1").isEqualTo(429);
            }
        }
    }
}
