package io.wormhole.protocol.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wormhole.protocol.catalog.AccountLocator.DatabaseWord;
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

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "fax.status.*.job1  | fallback",
        "fax.status.#.job1  | fallback",
        "fax.status.*       | fallback",
    })
    void routingKeyWord_wildcardWord_isNoAccount(String routingKey, String expected) throws Exception {
        AccountLocator l = new RoutingKeyWord(3, List.of("Account-ID"));
        assertThat(l.locate(routingKey, json("{'Account-ID': 'fallback'}"))).isEqualTo(expected);
        assertThat(new RoutingKeyWord(3, List.of()).locate(routingKey, json("{}"))).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // the account's own database and its monthly databases, any month
        "doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65.device.d1        | 4b31dd1d32ce6d249897c06332375d65",
        "doc_created.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65-202401.fax.f1   | 4b31dd1d32ce6d249897c06332375d65",
        "doc_created.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65-201512.fax.f1   | 4b31dd1d32ce6d249897c06332375d65",
        "doc_edited.account%2f4b%2f31%2fdd1d32ce6d249897c06332375d65.user.u1          | 4b31dd1d32ce6d249897c06332375d65",
        "doc_edited.account/4b/31/dd1d32ce6d249897c06332375d65.user.u1                | 4b31dd1d32ce6d249897c06332375d65",
        // aggregate databases: copies that belong to no account, whatever the payload says
        "doc_edited.sip_auth.device.d1                                                | null",
        "doc_edited.accounts.account.a1                                               | null",
        "doc_created.faxes.fax.f1                                                     | null",
        "doc_edited.*.user.u1                                                         | null",
        // almost an account database
        "doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d6.user.u1           | null",
        "doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65x.user.u1         | null",
        "doc_edited.account%2F4B%2F31%2Fdd1d32ce6d249897c06332375d65.user.u1          | null",
        "doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65-2024.fax.f1      | null",
        "doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65-2024011.fax.f1   | null",
        "doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65-20240a.fax.f1    | null",
        "doc_edited.account%3F4b%2F31%2Fdd1d32ce6d249897c06332375d65.user.u1          | null",
        "doc_edited.account%2F4b                                                      | null",
        "doc_edited.account                                                           | null",
        "doc_edited                                                                   | null",
    })
    void databaseWord_accountOrMonthlyDatabase_elseNoAccount(String routingKey, String expected) throws Exception {
        AccountLocator l = new DatabaseWord(2);
        assertThat(l.locate(routingKey, json("{'Account-ID': 'fromPayload'}"))).isEqualTo(expected);
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
        assertThat(kazoo.resolve("object.doc_edited.user").accountLocator().locate(
                "doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65.user.u1",
                json("{'Account-ID': 'other'}"))).isEqualTo("4b31dd1d32ce6d249897c06332375d65");
        assertThat(kazoo.resolve("fax.object.*").accountLocator().locate(
                "doc_created.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65-202401.fax.f1",
                json("{}"))).isEqualTo("4b31dd1d32ce6d249897c06332375d65");
        assertThat(kazoo.resolve("fax.status.*").accountLocator().locate("fax.status.*.job1", json("{}")))
                .as("kapi_fax writes '*' for a status without an account").isNull();
    }

    @Test
    void constructors_rejectMeaninglessLocators() {
        assertThatThrownBy(() -> new PayloadField(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoutingKeyWord(0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseWord(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void locators_areValuesWithEquality() {
        assertThat(new RoutingKeyWord(3, List.of("Account-ID"))).isEqualTo(new RoutingKeyWord(3, List.of("Account-ID")))
                .hasToString("routing key word 3, else payload Account-ID");
        assertThat(new PayloadField(List.of("A", "B"))).hasToString("payload A.B");
    }
}
