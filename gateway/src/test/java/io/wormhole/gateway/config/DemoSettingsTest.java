package io.wormhole.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GATEWAY_DEMO and GATEWAY_DEMO_RATE: demo events by default only with the embedded broker. */
class DemoSettingsTest {
    private static final String RABBIT = "amqp://guest:guest@127.0.0.1:5672";

    @ParameterizedTest(name = "AMQP_URI={0}, DEMO={1} -> demo {2}")
    @CsvSource(nullValues = "unset", value = {
        "unset,  unset, true",
        "unset,  false, false",
        RABBIT + ", unset, false",
        RABBIT + ", true,  true",
        "'  ',   unset, true",
    })
    void demo_defaultsToTheEmbeddedBroker_andFollowsAnExplicitValue(String amqpUri, String demo, boolean expected) {
        Map<String, String> values = new HashMap<>();
        if (amqpUri != null) {
            values.put("GATEWAY_AMQP_URI", amqpUri);
        }
        if (demo != null) {
            values.put("GATEWAY_DEMO", demo);
        }
        assertThat(GatewayConfig.fromValues(values).demo()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "AMQP_URI={0}, DEMO={1}, WS_HOST={2} -> listens on {3}")
    @CsvSource(nullValues = "unset", value = {
        "unset,  unset, unset,   127.0.0.1",
        RABBIT + ", true,  unset,   127.0.0.1",
        "unset,  unset, 0.0.0.0, 0.0.0.0",
        RABBIT + ", unset, unset,   0.0.0.0",
        "unset,  false, unset,   0.0.0.0",
    })
    void wsHost_inDemoMode_isLoopbackUnlessSetExplicitly(String amqpUri, String demo, String host, String expected) {
        Map<String, String> values = new HashMap<>();
        if (amqpUri != null) {
            values.put("GATEWAY_AMQP_URI", amqpUri);
        }
        if (demo != null) {
            values.put("GATEWAY_DEMO", demo);
        }
        if (host != null) {
            values.put("GATEWAY_WS_HOST", host);
        }
        assertThat(GatewayConfig.fromValues(values).wsHost()).isEqualTo(expected);
    }

    @Test
    void demoRate_unset_isTwentyPerSecond() {
        assertThat(GatewayConfig.fromValues(Map.of()).demoRate()).isEqualTo(20.0);
    }

    @Test
    void demoRate_fraction_isKept() {
        assertThat(GatewayConfig.fromValues(Map.of("GATEWAY_DEMO_RATE", "0.5")).demoRate()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "fast", "10001", "NaN"})
    void demoRate_outOfRange_isAStartErrorNamingTheSetting(String rate) {
        assertThatThrownBy(() -> GatewayConfig.fromValues(Map.of("GATEWAY_DEMO_RATE", rate)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_DEMO_RATE: '" + rate + "' is not a number of events per second");
    }

    @Test
    void demo_notABoolean_isAStartErrorNamingTheSetting() {
        assertThatThrownBy(() -> GatewayConfig.fromValues(Map.of("GATEWAY_DEMO", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_DEMO: 'maybe' is not true or false");
    }
}
