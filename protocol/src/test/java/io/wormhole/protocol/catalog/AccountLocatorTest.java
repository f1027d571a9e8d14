package io.wormhole.protocol.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wormhole.protocol.catalog.AccountLocator.PayloadField;
import io.wormhole.protocol.catalog.AccountLocator.RoutingKeyWord;

class AccountLocatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String singleQuoted) throws Exception {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "{'Custom-Channel-Vars': {'Account-ID': 'acc1'}}      | acc1",
        "{'Custom-Channel-Vars': {'Account-ID': ''}}          | null",
        "{'Custom-Channel-Vars': {'Account-ID': 12}}          | null",
        "{'Custom-Channel-Vars': {'Account-ID': null}}        | null",
        "{'Custom-Channel-Vars': {}}                          | null",
        "{'Custom-Channel-Vars': 'acc1'}                      | null",
        "{'Account-ID': 'acc1'}                               | null",
        "{}                                                   | null",
    })
    void payloadField_followsPath_nullUnlessNonEmptyString(String payload, String expected) throws Exception {
        AccountLocator l = new PayloadField(List.of("Custom-Channel-Vars", "Account-ID"));
        assertThat(l.locate("call.CHANNEL_CREATE.x", json(payload))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "fax.status.acc1.job1  | acc1",
        "fax.status.acc1       | acc1",
        "fax.status..job1      | fallback",
        "fax.status            | fallback",
        "fax                   | fallback",
        "''                    | fallback",
    })
    void routingKeyWord_takesWordElseFallsBackToPayload(String routingKey, String expected) throws Exception {
        AccountLocator l = new RoutingKeyWord(3, List.of("Account-ID"));
        assertThat(l.locate(routingKey, json("{'Account-ID': 'fallback'}"))).isEqualTo(expected);
    }

    @Test
    void routingKeyWord_noFallback_nullWhenWordMissing() throws Exception {
        AccountLocator l = new RoutingKeyWord(4, List.of());
        assertThat(l.locate("conference.event.lock.acc1.conf.call", json("{'Account-ID': 'x'}"))).isEqualTo("acc1");
        assertThat(l.locate("conference.event.lock", json("{'Account-ID': 'x'}"))).isNull();
    }

    @Test
    void routingKeyWord_firstAndLastWord() throws Exception {
        JsonNode empty = json("{}");
        assertThat(new RoutingKeyWord(1, List.of()).locate("a.b.c", empty)).isEqualTo("a");
        assertThat(new RoutingKeyWord(3, List.of()).locate("a.b.c", empty)).isEqualTo("c");
        assertThat(new RoutingKeyWord(3, List.of()).locate("a.b.", empty)).isNull();
    }

    @Test
    void defaultCatalogue_locatorsFindTheAccountOfRealisticEvents() throws Exception {
        Catalog kazoo = Catalog.kazooDefault();
        assertThat(kazoo.resolve("call.CHANNEL_CREATE.*").accountLocator().locate("call.CHANNEL_CREATE.abc",
                json("{'Call-ID': 'abc', 'Custom-Channel-Vars': {'Account-ID': 'acc1'}}"))).isEqualTo("acc1");
        assertThat(kazoo.resolve("fax.status.*").accountLocator().locate("fax.status.acc2.job1",
                json("{'Account-ID': 'other'}"))).isEqualTo("acc2");
        assertThat(kazoo.resolve("conference.event.*.conf.*").accountLocator().locate(
                "conference.event.lock.acc3.conf.call", json("{}"))).isEqualTo("acc3");
        assertThat(kazoo.resolve("object.edited.user").accountLocator().locate("doc_edited.db.user.u1",
                json("{'Account-ID': 'acc4'}"))).isEqualTo("acc4");
    }

    @Test
    void constructors_rejectMeaninglessLocators() {
        assertThatThrownBy(() -> new PayloadField(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoutingKeyWord(0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void locators_areValuesWithEquality() {
        assertThat(new RoutingKeyWord(3, List.of("Account-ID"))).isEqualTo(new RoutingKeyWord(3, List.of("Account-ID")))
                .hasToString("routing key word 3, else payload Account-ID");
        assertThat(new PayloadField(List.of("A", "B"))).hasToString("payload A.B");
    }
}
