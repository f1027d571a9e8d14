package io.wormhole.perf.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordsTest {
    @Test
    void parse_keepsOnlyLinesOfTheKind_withTheirPairsInOrder() {
        List<Map<String, String>> r = Records.parse(List.of(
                "date: 2026-11-28",
                "RESULT target=gateway clients=1000 p50_ms=13.919 scenario=broadcast",
                "FAILED scenario=broadcast target=stomp",
                "RESULTS are not results"), "RESULT");

        assertThat(r).singleElement().satisfies(m -> {
            assertThat(m).containsExactly(Map.entry("target", "gateway"), Map.entry("clients", "1000"),
                    Map.entry("p50_ms", "13.919"), Map.entry("scenario", "broadcast"));
            assertThat(Records.number(m, "p50_ms")).isEqualTo(13.919);
        });
    }

    @Test
    void parse_aWordWithoutEquals_namesIt() {
        assertThatThrownBy(() -> Records.parse(List.of("SAMPLE sockets=0 oops"), "SAMPLE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'oops'");
    }

    @Test
    void number_missingOrNotANumber_namesTheKey() {
        Map<String, String> m = Map.of("sockets", "many");
        assertThatThrownBy(() -> Records.number(m, "server_rss_kb")).hasMessageContaining("no 'server_rss_kb'");
        assertThatThrownBy(() -> Records.number(m, "sockets")).hasMessageContaining("'sockets' is not a number");
    }

    @Test
    void charts_haveOneLinePerTargetAndPercentile() {
        List<Map<String, String>> results = Records.parse(List.of(
                "RESULT target=gateway clients=1000 asked_per_s=50000 delivered_per_s=50000 p50_ms=9.5 p99_ms=25.3",
                "RESULT target=gateway clients=1000 asked_per_s=10000 delivered_per_s=10000 p50_ms=13.9 p99_ms=27.5",
                "RESULT target=stomp clients=1000 asked_per_s=50000 delivered_per_s=30000 p50_ms=7684 p99_ms=10731",
                "RESULT target=stomp clients=1000 asked_per_s=10000 delivered_per_s=10000 p50_ms=42.1 p99_ms=169.3"), "RESULT");

        assertThat(Plots.latencyChart(results).getSeriesMap()).containsOnlyKeys(
                "gateway 1000 clients p50", "gateway 1000 clients p99", "stomp 1000 clients p50",
                "stomp 1000 clients p99");
        assertThat(Plots.latencyChart(results).getSeriesMap().get("gateway 1000 clients p50").getXData())
                .as("sorted by rate").containsExactly(10000.0, 50000.0);
        assertThat(Plots.latencyChart(results).getSeriesMap().get("stomp 1000 clients p50").getXData())
                .as("offered, not delivered: a saturated step stays where it was asked")
                .containsExactly(10000.0, 50000.0);
    }
}
