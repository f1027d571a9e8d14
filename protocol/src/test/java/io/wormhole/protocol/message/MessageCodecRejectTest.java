package io.wormhole.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejection rule of protocol §2 and §6: its code, its text, and the id it carries. */
class MessageCodecRejectTest {

    private static final String NOT_JSON = "request is not valid JSON";
    private static final String NOT_OBJECT = "request must be a JSON object";
    private static final String BAD_ID = "field 'request_id' must be a string of 1 to 255 characters";
    private static final String NEEDS_BINDING = "subscribe needs data.binding or data.bindings";
    private static final String BINDINGS_TYPE = "field 'data.bindings' must be a list of strings";

    private final MessageCodec codec = new MessageCodec();

    static Stream<Arguments> unreadableRequests() {
        return Stream.of(
                Arguments.of("", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("   ", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("{", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("{'action':'ping'}", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("{\"action\":\"ping\"} {}", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("{\"action\":\"ping\"}x", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("{\"action\":\"ping\",}", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("{\"action\":\"ping\",\"action\":\"subscribe\"}", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("{\"a\":NaN}", ErrorCode.BAD_REQUEST, NOT_JSON),
                Arguments.of("{\"action\":\"ping\",\"n\":1e99999999999}", ErrorCode.BAD_REQUEST,
                        "request has a number out of range"),
                Arguments.of("[]", ErrorCode.BAD_REQUEST, NOT_OBJECT),
                Arguments.of("\"ping\"", ErrorCode.BAD_REQUEST, NOT_OBJECT),
                Arguments.of("42", ErrorCode.BAD_REQUEST, NOT_OBJECT),
                Arguments.of("null", ErrorCode.BAD_REQUEST, NOT_OBJECT),
                Arguments.of("{\"action\":\"ping\",\"request_id\":\"\"}", ErrorCode.BAD_REQUEST, BAD_ID),
                Arguments.of("{\"action\":\"ping\",\"request_id\":7}", ErrorCode.BAD_REQUEST, BAD_ID),
                Arguments.of("{\"action\":\"ping\",\"request_id\":[\"r\"]}", ErrorCode.BAD_REQUEST, BAD_ID),
                Arguments.of("{\"action\":\"ping\",\"request_id\":\"" + "x".repeat(256) + "\"}",
                        ErrorCode.BAD_REQUEST, BAD_ID),
                Arguments.of("{\"action\":\"nope\",\"request_id\":false}", ErrorCode.BAD_REQUEST, BAD_ID));
    }

    @ParameterizedTest
    @MethodSource("unreadableRequests")
    void decode_idCannotBeRead_failsWithoutRequestId(String text, ErrorCode code, String error) {
        ProtocolException e = reject(text);

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.errors()).containsExactly(error);
        assertThat(e.requestId()).isNull();
    }

    static Stream<Arguments> rejectedRequests() {
        return Stream.of(
                Arguments.of("{}", ErrorCode.UNKNOWN_ACTION, "missing action"),
                Arguments.of("{\"action\":null}", ErrorCode.UNKNOWN_ACTION, "missing action"),
                Arguments.of("{\"action\":\"fly\"}", ErrorCode.UNKNOWN_ACTION, "unknown action 'fly'"),
                Arguments.of("{\"action\":\"PING\"}", ErrorCode.UNKNOWN_ACTION, "unknown action 'PING'"),
                Arguments.of("{\"action\":\"" + "a".repeat(100) + "\"}", ErrorCode.UNKNOWN_ACTION,
                        "unknown action '" + "a".repeat(64) + "…'"),
                Arguments.of("{\"action\":3}", ErrorCode.UNKNOWN_ACTION,
                        "unknown action: field 'action' must be one of subscribe, unsubscribe, ping, noop"),
                Arguments.of("{\"action\":[\"ping\"]}", ErrorCode.UNKNOWN_ACTION,
                        "unknown action: field 'action' must be one of subscribe, unsubscribe, ping, noop"),
                Arguments.of("{\"action\":\"ping\",\"auth_token\":1}", ErrorCode.BAD_REQUEST,
                        "field 'auth_token' must be a string"),
                Arguments.of("{\"action\":\"subscribe\"}", ErrorCode.BAD_REQUEST, NEEDS_BINDING),
                Arguments.of("{\"action\":\"subscribe\",\"data\":{}}", ErrorCode.BAD_REQUEST, NEEDS_BINDING),
                Arguments.of("{\"action\":\"subscribe\",\"data\":{\"bindings\":[]}}", ErrorCode.BAD_REQUEST,
                        NEEDS_BINDING),
                Arguments.of("{\"action\":\"subscribe\",\"data\":{\"binding\":null}}", ErrorCode.BAD_REQUEST,
                        NEEDS_BINDING),
                Arguments.of("{\"action\":\"subscribe\",\"data\":[\"a\"]}", ErrorCode.BAD_REQUEST,
                        "field 'data' must be an object"),
                Arguments.of("{\"action\":\"unsubscribe\",\"data\":\"a.b\"}", ErrorCode.BAD_REQUEST,
                        "field 'data' must be an object"),
                Arguments.of("{\"action\":\"subscribe\",\"data\":{\"binding\":[\"a\"]}}", ErrorCode.BAD_REQUEST,
                        "field 'data.binding' must be a string"),
                Arguments.of("{\"action\":\"subscribe\",\"data\":{\"bindings\":\"a\"}}", ErrorCode.BAD_REQUEST,
                        BINDINGS_TYPE),
                Arguments.of("{\"action\":\"subscribe\",\"data\":{\"bindings\":[\"a\",1]}}", ErrorCode.BAD_REQUEST,
                        BINDINGS_TYPE),
                Arguments.of("{\"action\":\"unsubscribe\",\"data\":{\"bindings\":[null]}}", ErrorCode.BAD_REQUEST,
                        BINDINGS_TYPE),
                Arguments.of("{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"account_id\":{}}}",
                        ErrorCode.BAD_REQUEST, "field 'data.account_id' must be a string"),
                Arguments.of("{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"name\":1}}",
                        ErrorCode.BAD_REQUEST, "field 'data.name' must be a string"),
                Arguments.of("{\"action\":\"subscribe\",\"name\":true,\"data\":{\"binding\":\"a\"}}",
                        ErrorCode.BAD_REQUEST, "field 'name' must be a string"));
    }

    @ParameterizedTest
    @MethodSource("rejectedRequests")
    void decode_ruleBroken_failsWithCodeTextAndRequestId(String text, ErrorCode code, String error) {
        String rest = text.substring(1);
        String withId = "{\"request_id\":\"rid\"" + (rest.equals("}") ? "" : ",") + rest;

        ProtocolException e = reject(withId);

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.errors()).containsExactly(error);
        assertThat(e.requestId()).isEqualTo("rid");
    }

    @Test
    void decode_nestedDeeperThanLimit_badRequestNamingTheLimit() {
        String deep = "{\"action\":\"ping\",\"data\":" + "[".repeat(100) + "]".repeat(100) + "}";

        ProtocolException e = reject(deep);

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.errors().get(0)).startsWith("request is not valid JSON: nested deeper than 64 levels");
    }

    @Test
    void decode_nestedJustWithinLimit_accepted() {
        String metadata = "[".repeat(62) + "]".repeat(62);

        Subscribe request = (Subscribe) codec.decode(
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":" + metadata + "}}");

        assertThat(request.metadata()).isEqualTo(metadata);
    }

    @Test
    void decode_numberLongerThanJacksonLimit_badRequest() {
        ProtocolException e = reject("{\"action\":\"ping\",\"n\":" + "9".repeat(5000) + "}");

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void decode_invalidUtf8Bytes_badRequest() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decode(bytes));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.errors()).containsExactly("request is not valid UTF-8");
    }

    @Test
    void decode_encodedSurrogateBytes_badRequest() {
        byte[] bytes = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};

        assertThat(catchThrowableOfType(ProtocolException.class, () -> codec.decode(bytes)).errors())
                .containsExactly("request is not valid UTF-8");
    }

    @Test
    void decode_nullInput_badRequest() {
        assertThat(reject(null).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(catchThrowableOfType(ProtocolException.class, () -> codec.decode((byte[]) null)).code())
                .isEqualTo(ErrorCode.BAD_REQUEST);
    }

    private ProtocolException reject(String text) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decode(text));
        assertThat(e).as("decode(%s) must fail", text).isNotNull();
        return e;
    }
}
