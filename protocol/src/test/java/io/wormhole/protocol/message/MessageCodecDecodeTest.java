package io.wormhole.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every accepted request form (protocol §2); the rejections are in {@link MessageCodecRejectTest}. */
class MessageCodecDecodeTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void decode_documentedSubscribe_readsEveryField() {
        Request request = codec.decode("""
                {"action": "subscribe", "auth_token": "jwt", "request_id": "r1",
                 "data": {"account_id": "acc", "binding": "call.CHANNEL_CREATE.*",
                          "name": "My socket", "metadata": {"any": "json", "n": [1, 2.50, null]}}}""");

        assertThat(request).isEqualTo(new Subscribe("r1", "jwt", "acc", List.of("call.CHANNEL_CREATE.*"),
                "My socket", "{\"any\":\"json\",\"n\":[1,2.50,null]}"));
    }

    @Test
    void decode_bindingsList_keptInOrderWithDuplicatesAsSent() {
        Request request = codec.decode("""
                {"action":"subscribe","request_id":"r","data":{"bindings":["b.2","a.1","b.2","call..x",""]}}""");

        assertThat(((Subscribe) request).bindings()).containsExactly("b.2", "a.1", "b.2", "call..x", "");
    }

    @Test
    void decode_bindingAndBindings_bindingWins() {
        Subscribe request = (Subscribe) codec.decode("""
                {"action":"subscribe","data":{"bindings":["x.1","x.2"],"binding":"y.1"}}""");

        assertThat(request.bindings()).containsExactly("y.1");
    }

    @Test
    void decode_bindingPresent_malformedBindingsNotExamined() {
        Subscribe request = (Subscribe) codec.decode("""
                {"action":"subscribe","data":{"binding":"y.1","bindings":42}}""");

        assertThat(request.bindings()).containsExactly("y.1");
    }

    @Test
    void decode_topLevelNameAndMetadata_accepted43Form() {
        Subscribe request = (Subscribe) codec.decode("""
                {"action":"subscribe","name":"top","metadata":[1,"two"],"data":{"binding":"a.b"}}""");

        assertThat(request.name()).isEqualTo("top");
        assertThat(request.metadata()).isEqualTo("[1,\"two\"]");
    }

    @Test
    void decode_nameAndMetadataInBothPlaces_dataWins() {
        Subscribe request = (Subscribe) codec.decode("""
                {"action":"subscribe","name":5,"metadata":"top",
                 "data":{"binding":"a.b","name":"inner","metadata":{"k":true}}}""");

        assertThat(request.name()).isEqualTo("inner");
        assertThat(request.metadata()).isEqualTo("{\"k\":true}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"text\"           | \"text\"",
            "12345678901234567890123 | 12345678901234567890123",
            "1e400              | 1E+400",
            "-1.5e-3            | -0.0015",
            "true               | true",
            "{ }                | {}",
            "[ [ ] , { \"a\" : { } } ] | [[],{\"a\":{}}]",
            "\"\\u00e9\\/\"     | \"é/\"",
    })
    void decode_metadataOfAnyJsonType_storedAsCompactJson(String metadata, String stored) {
        Subscribe request = (Subscribe) codec.decode(
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":" + metadata + "}}");

        assertThat(request.metadata()).isEqualTo(stored);
    }

    @Test
    void decode_unsubscribeWithBindings_removesThose() {
        Request request = codec.decode("""
                {"action":"unsubscribe","request_id":"r9","auth_token":"t","data":{"bindings":["a.b","c.d"]}}""");

        assertThat(request).isEqualTo(new Unsubscribe("r9", "t", null, List.of("a.b", "c.d"), null, null));
        assertThat(((Unsubscribe) request).removesAll()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\":\"unsubscribe\"}",
            "{\"action\":\"unsubscribe\",\"data\":{}}",
            "{\"action\":\"unsubscribe\",\"data\":null}",
            "{\"action\":\"unsubscribe\",\"data\":{\"bindings\":[]}}",
    })
    void decode_unsubscribeWithoutBindings_removesAll(String text) {
        Unsubscribe request = (Unsubscribe) codec.decode(text);

        assertThat(request.bindings()).isEmpty();
        assertThat(request.removesAll()).isTrue();
    }

    @Test
    void decode_ping_readsIdAndToken() {
        assertThat(codec.decode("{\"action\":\"ping\",\"request_id\":\"p\",\"auth_token\":\"t\"}"))
                .isEqualTo(new Ping("p", "t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"nope\"", "[1]", "{\"binding\":5}", "null"})
    void decode_pingWithAnyData_ignoresData(String data) {
        assertThat(codec.decode("{\"action\":\"ping\",\"request_id\":\"p\",\"data\":" + data + "}"))
                .isEqualTo(new Ping("p", null));
    }

    @Test
    void decode_noop_readsIdAndToken() {
        assertThat(codec.decode("{\"action\":\"noop\",\"request_id\":\"n\",\"auth_token\":\"t\"}"))
                .isEqualTo(new Noop("n", "t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"nope\"", "[1]", "{\"binding\":5}", "null"})
    void decode_noopWithAnyData_ignoresData(String data) {
        assertThat(codec.decode("{\"action\":\"noop\",\"request_id\":\"n\",\"data\":" + data + "}"))
                .isEqualTo(new Noop("n", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\":\"ping\"}",
            "{\"action\":\"ping\",\"request_id\":null}",
    })
    void decode_noRequestId_generates32LowerHex(String text) {
        assertThat(codec.decode(text).requestId()).matches("[0-9a-f]{32}");
    }

    @Test
    void decode_requestIdOf255CodePoints_accepted() {
        String id = "😀".repeat(255);

        assertThat(codec.decode("{\"action\":\"ping\",\"request_id\":\"" + id + "\"}").requestId()).isEqualTo(id);
    }

    @Test
    void decode_nullOptionalFields_readAsAbsent() {
        Request request = codec.decode("""
                {"action":"subscribe","auth_token":null,"name":null,"metadata":null,
                 "data":{"account_id":null,"binding":null,"bindings":["a"],"name":null,"metadata":null}}""");

        assertThat(request).isEqualTo(new Subscribe(request.requestId(), null, null, List.of("a"), null, null));
    }

    @Test
    void decode_unknownFields_ignored() {
        Request request = codec.decode("""
                {"action":"subscribe","request_id":"r","extra":{"x":[1]},"data":{"binding":"a","other":1}}""");

        assertThat(request).isEqualTo(new Subscribe("r", null, null, List.of("a"), null, null));
    }

    @Test
    void decode_surroundingWhitespace_accepted() {
        assertThat(codec.decode(" \n\t{\"action\":\"ping\",\"request_id\":\"r\"}\r\n ")).isEqualTo(new Ping("r", null));
    }

    @Test
    void decode_utf8Bytes_sameAsText() {
        String text = "{\"action\":\"subscribe\",\"request_id\":\"é\",\"data\":{\"binding\":\"b\",\"name\":\"Zoë 😀\"}}";

        assertThat(codec.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(codec.decode(text));
    }

    @Test
    void decode_escapedLoneSurrogateInRequestId_keptAndEncodable() {
        Request request = codec.decode("{\"action\":\"ping\",\"request_id\":\"\\ud800\"}");

        assertThat(request.requestId()).isEqualTo("\ud800");
        assertThat(new String(codec.encode(new Pong(request.requestId())), StandardCharsets.UTF_8))
                .contains("\"request_id\":\"\\uD800\"");
    }

    @Test
    void binaryFrame_isBadRequestWithoutRequestId() {
        ProtocolException e = MessageCodec.binaryFrame();

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.errors()).containsExactly("binary frames are not supported; send one JSON object per text frame");
        assertThat(e.requestId()).isNull();
    }

    @Test
    void newRequestId_32LowerHexAndDistinct() {
        String first = MessageCodec.newRequestId();

        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(MessageCodec.newRequestId()).isNotEqualTo(first);
    }

    @Test
    void decode_noRequestIdAndFailure_carriesTheGeneratedId() {
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> codec.decode("{\"action\":\"fly\"}"));

        assertThat(e.requestId()).matches("[0-9a-f]{32}");
    }
}
