package io.wormhole.protocol.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class KazooFormTest {

    /** The kazoo form of a payload written with single quotes, as text. */
    private static String kazoo(String singleQuoted) {
        return new String(KazooForm.apply(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    static Iterable<String> internalHeaders() {
        return KazooForm.INTERNAL_HEADERS;
    }

    @ParameterizedTest
    @MethodSource("internalHeaders")
    void apply_internalHeader_removedAtTopLevel(String header) {
        String payload = "{\"Event-Name\":\"CHANNEL_CREATE\",\"" + header + "\":\"v\",\"Call-ID\":\"c1\"}";
        assertThat(kazoo(payload)).isEqualTo("{\"event_name\":\"CHANNEL_CREATE\",\"call_id\":\"c1\"}");
    }

    @Test
    void apply_internalHeaders_areTheThirteenOfKazoo() {
        assertThat(KazooForm.INTERNAL_HEADERS).containsExactlyInAnyOrder("Access-Group", "Defer-Response",
                "Destination-Server", "Geo-Location", "System-Log-ID", "Node", "Server-Queue-ID", "Raw-Headers",
                "Server-ID", "Request-From-PID", "Reply-To-PID", "AMQP-Broker", "AMQP-Broker-Zone");
    }

    @Test
    void apply_internalHeaderNameBelowTopLevel_isKeptAndRewritten() {
        assertThat(kazoo("{'Data': {'Node': 'n1', 'Server-ID': 's'}, 'List': [{'Node': 'n2'}]}"))
                .isEqualTo("{'data':{'node':'n1','server_id':'s'},'list':[{'node':'n2'}]}".replace('\'', '"'));
    }

    @Test
    void apply_keysRewrittenAtEveryDepth_includingObjectsInArrays() {
        assertThat(kazoo("{'A-B': {'C-D': [{'E-F': 1}, [{'G-H': {'IJ-KL': true}}]]}, 'MiXeD_Case-Key': 2}"))
                .isEqualTo("{'a_b':{'c_d':[{'e_f':1},[{'g_h':{'ij_kl':true}}]]},'mixed_case_key':2}"
                        .replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Custom-Channel-Vars | custom_channel_vars",
        "Call-ID             | call_id",
        "AMQP-Broker-X       | amqp_broker_x",
        "already_fine        | already_fine",
        "Ünïcode-Key         | ünïcode_key",
        "--                  | __",
    })
    void normaliseKey_dashesToUnderscoresAndLowerCase(String key, String expected) {
        assertThat(KazooForm.normaliseKey(key)).isEqualTo(expected);
    }

    @Test
    void apply_nullValuedKeys_droppedAtEveryDepth_nullArrayElementsKept() {
        assertThat(kazoo("{'A': null, 'B': {'C': null, 'D': 1}, 'E': [null, {'F': null, 'G': [{'H': null}]}]}"))
                .isEqualTo("{'b':{'d':1},'e':[null,{'g':[{}]}]}".replace('\'', '"'));
    }

    @Test
    void apply_valuesUnchanged() {
        String payload = "{\"S\":\"Mixed-Case Value-X\",\"Dec\":1.10,\"Int\":-5,\"Long\":63873000000123,"
                + "\"Big\":123456789012345678901234567890,\"T\":true,\"F\":false,\"Empty\":\"\",\"Obj\":{},"
                + "\"Arr\":[1,\"A-B\",[],{}],\"Esc\":\"q\\\"b\\\\n\\nt\\u0001\",\"Uni\":\"é😀\"}";
        assertThat(kazoo(payload)).isEqualTo("{\"s\":\"Mixed-Case Value-X\",\"dec\":1.10,\"int\":-5,"
                + "\"long\":63873000000123,\"big\":123456789012345678901234567890,\"t\":true,\"f\":false,"
                + "\"empty\":\"\",\"obj\":{},\"arr\":[1,\"A-B\",[],{}],\"esc\":\"q\\\"b\\\\n\\nt\\u0001\","
                + "\"uni\":\"é😀\"}");
    }

    @Test
    void apply_hugeExponent_keepsTheValue() throws Exception {
        String out = kazoo("{'X': 1.5e400, 'Y': -2E-400}");
        var tree = new ObjectMapper().reader()
                .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(out);
        assertThat(tree.get("x").decimalValue()).isEqualByComparingTo(new BigDecimal("1.5e400"));
        assertThat(tree.get("y").decimalValue()).isEqualByComparingTo(new BigDecimal("-2e-400"));
    }

    @Test
    void apply_treeAndBytes_giveTheSameOutput() {
        byte[] body = "{\"Event-Name\":\"x\",\"Node\":\"n\",\"K-1\":[{\"V\":null}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(KazooForm.apply(EventPayload.parse(body).tree())).isEqualTo(KazooForm.apply(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1]", "\"x\"", "1", "null", "{", "{}x", "{\"a\":}", "\u00ff"})
    void apply_bodyNotOneJsonObject_rejected(String body) {
        assertThatThrownBy(() -> KazooForm.apply(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void apply_nonObjectTree_rejected() {
        assertThatThrownBy(() -> KazooForm.apply(new ObjectMapper().createArrayNode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload is not a JSON object");
    }

    @Test
    void apply_realisticChannelCreate_golden() {
        String published = """
                {"Event-Category":"call_event","Event-Name":"CHANNEL_CREATE","App-Name":"ecallmgr",
                 "App-Version":"4.3.0","Msg-ID":"2f1c8a0e-64b1-4f0c-9c1e-3a5f0b7d2e11",
                 "Node":"ecallmgr@fs1.example.com","Server-ID":"",
                 "Call-ID":"7c2b4d6e-1f3a-4b5c-8d9e-0a1b2c3d4e5f","Call-Direction":"inbound",
                 "Caller-ID-Name":"Alice Ångström","Caller-ID-Number":"+15551230001",
                 "Callee-ID-Name":null,"Callee-ID-Number":"1001",
                 "From":"+15551230001@sip.example.com","To":"1001@sip.example.com",
                 "Request":"1001@sip.example.com","Timestamp":63873014400,
                 "Channel-Call-State":"RINGING","Media-Server":"fs1.example.com",
                 "Custom-Channel-Vars":{"Account-ID":"4b31dd1d32ce6d249897c06332375d65",
                   "Owner-ID":"a1b2c3d4e5f60718293a4b5c6d7e8f90","Authorizing-ID":"0f9e8d7c6b5a49382716a5b4c3d2e1f0",
                   "Authorizing-Type":"device","Realm":"sip.example.com","Username":"user_abc123",
                   "Account-Name":"Example Corp","Call-Interaction-ID":null},
                 "Custom-Application-Vars":{},
                 "System-Log-ID":"7c2b4d6e-1f3a-4b5c-8d9e-0a1b2c3d4e5f","AMQP-Broker":"amqp://rmq1:5672",
                 "AMQP-Broker-Zone":"local"}
                """;
        String expected = "{\"event_category\":\"call_event\",\"event_name\":\"CHANNEL_CREATE\","
                + "\"app_name\":\"ecallmgr\",\"app_version\":\"4.3.0\","
                + "\"msg_id\":\"2f1c8a0e-64b1-4f0c-9c1e-3a5f0b7d2e11\","
                + "\"call_id\":\"7c2b4d6e-1f3a-4b5c-8d9e-0a1b2c3d4e5f\",\"call_direction\":\"inbound\","
                + "\"caller_id_name\":\"Alice Ångström\",\"caller_id_number\":\"+15551230001\","
                + "\"callee_id_number\":\"1001\",\"from\":\"+15551230001@sip.example.com\","
                + "\"to\":\"1001@sip.example.com\",\"request\":\"1001@sip.example.com\","
                + "\"timestamp\":63873014400,\"channel_call_state\":\"RINGING\","
                + "\"media_server\":\"fs1.example.com\","
                + "\"custom_channel_vars\":{\"account_id\":\"4b31dd1d32ce6d249897c06332375d65\","
                + "\"owner_id\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\","
                + "\"authorizing_id\":\"0f9e8d7c6b5a49382716a5b4c3d2e1f0\",\"authorizing_type\":\"device\","
                + "\"realm\":\"sip.example.com\",\"username\":\"user_abc123\",\"account_name\":\"Example Corp\"},"
                + "\"custom_application_vars\":{}}";
        assertThat(new String(KazooForm.apply(published.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }
}
