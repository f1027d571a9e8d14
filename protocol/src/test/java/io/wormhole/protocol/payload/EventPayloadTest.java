package io.wormhole.protocol.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventPayloadTest {
    private static final byte[] BODY = ("{\"Event-Name\":\"CHANNEL_CREATE\", \"Node\":\"n1\","
            + " \"Custom-Channel-Vars\":{\"Account-ID\":\"acc1\"}}").getBytes(StandardCharsets.UTF_8);

    @Test
    void data_kazoo_computedOnce_sameArrayEveryCall() {
        EventPayload p = EventPayload.parse(BODY);
        byte[] first = p.data(PayloadForm.KAZOO);
        assertThat(p.data(PayloadForm.KAZOO)).isSameAs(first);
        assertThat(new String(first, StandardCharsets.UTF_8))
                .isEqualTo("{\"event_name\":\"CHANNEL_CREATE\",\"custom_channel_vars\":{\"account_id\":\"acc1\"}}");
    }

    @Test
    void data_raw_isTheBodyAsPublished() {
        EventPayload p = EventPayload.parse(BODY);
        assertThat(p.data(PayloadForm.RAW)).isSameAs(BODY);
        assertThat(p.data(PayloadForm.RAW)).isSameAs(p.data(PayloadForm.RAW));
    }

    @Test
    void data_bothForms_independentOfOrder() {
        EventPayload p = EventPayload.parse(BODY);
        byte[] raw = p.data(PayloadForm.RAW);
        byte[] kazoo = p.data(PayloadForm.KAZOO);
        assertThat(raw).isNotSameAs(kazoo);
        assertThat(p.data(PayloadForm.RAW)).isSameAs(raw);
        assertThat(p.data(PayloadForm.KAZOO)).isSameAs(kazoo);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "{\"Event-Name\":\"CHANNEL_CREATE\"} | CHANNEL_CREATE",
        "{\"Event-Name\":\"\"}               | ''",
        "{\"Event-Name\":7}                  | null",
        "{\"Event-Name\":null}               | null",
        "{\"event_name\":\"x\"}              | null",
        "{}                                  | null",
    })
    void eventName_stringOrNull(String body, String expected) {
        assertThat(EventPayload.parse(body.getBytes(StandardCharsets.UTF_8)).eventName()).isEqualTo(expected);
    }

    @Test
    void tree_isTheParsedPayload() {
        assertThat(EventPayload.parse(BODY).tree().at("/Custom-Channel-Vars/Account-ID").textValue())
                .isEqualTo("acc1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[]", "[{}]", "\"text\"", "42", "true", "null", "{", "{}{}", "{} x", "nope"})
    void parse_bodyNotOneJsonObject_rejected(String body) {
        assertThatThrownBy(() -> EventPayload.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload is not");
    }

    @Test
    void parse_nestingBeyondLimit_rejectedWithoutStackOverflow() {
        String deep = "{\"a\":".repeat(EventPayload.MAX_DEPTH + 1) + "1" + "}".repeat(EventPayload.MAX_DEPTH + 1);
        assertThatThrownBy(() -> EventPayload.parse(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        String ok = "{\"a\":".repeat(EventPayload.MAX_DEPTH - 1) + "1" + "}".repeat(EventPayload.MAX_DEPTH - 1);
        assertThat(EventPayload.parse(ok.getBytes(StandardCharsets.UTF_8)).data(PayloadForm.KAZOO)).isNotEmpty();
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({"kazoo, KAZOO", "KAZOO, KAZOO", "' Raw ', RAW", "raw, RAW"})
    void payloadForm_parse_caseInsensitive(String text, PayloadForm expected) {
        assertThat(PayloadForm.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "json", "kazoo2"})
    void payloadForm_parse_unknown_rejected(String text) {
        assertThatThrownBy(() -> PayloadForm.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown payload form '" + text + "'; use kazoo or raw");
    }
}
