package io.wormhole.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.util.NetUtil;

class TrustedProxiesTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.0/8,::1/128     | 127.0.0.1       | true",
        "127.0.0.0/8,::1/128     | 127.255.0.9     | true",
        "127.0.0.0/8,::1/128     | ::1             | true",
        "127.0.0.0/8,::1/128     | 10.0.0.1        | false",
        "127.0.0.0/8,::1/128     | ::2             | false",
        "10.1.2.0/23             | 10.1.3.255      | true",
        "10.1.2.0/23             | 10.1.4.0        | false",
        "10.1.2.0/23             | 10.1.1.255      | false",
        "192.0.2.7               | 192.0.2.7       | true",
        "192.0.2.7               | 192.0.2.8       | false",
        "0.0.0.0/0               | 203.0.113.9     | true",
        "0.0.0.0/0               | 2001:db8::1     | false",
        "fd00::/8                | fd12:3456::1    | true",
        "fd00::/8                | fe80::1         | false",
        "''                      | 127.0.0.1       | false",
    })
    void contains_matchesByPrefix(String cidrs, String address, boolean expected) {
        InetAddress a = NetUtil.createInetAddressFromIpAddressString(address);
        assertThat(TrustedProxies.parse(cidrs).contains(a)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "::1/129", "10.0.0.0/x", "10.0.0/8"})
    void parse_notAnAddressOrPrefix_isRefused(String cidr) {
        assertThatThrownBy(() -> TrustedProxies.parse(cidr)).isInstanceOf(IllegalArgumentException.class);
    }
}
