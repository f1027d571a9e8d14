package io.wormhole.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.wormhole.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact wire text of every server message (protocol §3, §5, §7). */
class MessageCodecEncodeTest {

    private final MessageCodec codec = new MessageCodec();

    static Stream<Arguments> goldenFrames() {
        return Stream.of(
                Arguments.of(new Subscribed("r1", List.of("a"), List.of("a", "b")),
                        "{\"action\":\"reply\",\"request_id\":\"r1\",\"status\":\"success\","
                                + "\"data\":{\"subscribed\":[\"a\"],\"subscriptions\":[\"a\",\"b\"]}}"),
                Arguments.of(new Unsubscribed("r1", List.of("a"), List.of()),
                        "{\"action\":\"reply\",\"request_id\":\"r1\",\"status\":\"success\","
                                + "\"data\":{\"unsubscribed\":[\"a\"],\"subscribed\":[],\"subscriptions\":[]}}"),
                Arguments.of(new Unsubscribed("r2", List.of("a"), List.of("b", "c")),
                        "{\"action\":\"reply\",\"request_id\":\"r2\",\"status\":\"success\","
                                + "\"data\":{\"unsubscribed\":[\"a\"],\"subscribed\":[\"b\",\"c\"],"
                                + "\"subscriptions\":[\"b\",\"c\"]}}"),
                Arguments.of(new Acknowledged("r1"),
                        "{\"action\":\"reply\",\"request_id\":\"r1\",\"status\":\"success\",\"data\":{}}"),
                Arguments.of(new Pong("r1"),
                        "{\"action\":\"reply\",\"request_id\":\"r1\",\"status\":\"success\","
                                + "\"data\":{\"response\":\"pong\"}}"),
                Arguments.of(new Failure("r1", ErrorCode.INVALID_BINDING,
                                List.of("binding 'call..x': empty segment at position 2")),
                        "{\"action\":\"reply\",\"request_id\":\"r1\",\"status\":\"error\","
                                + "\"data\":{\"code\":\"invalid_binding\","
                                + "\"errors\":[\"binding 'call..x': empty segment at position 2\"]}}"),
                Arguments.of(new Failure("r2", ErrorCode.TOO_MANY_BINDINGS, List.of("one", "two")),
                        "{\"action\":\"reply\",\"request_id\":\"r2\",\"status\":\"error\","
                                + "\"data\":{\"code\":\"too_many_bindings\",\"errors\":[\"one\",\"two\"]}}"),
                Arguments.of(new Event("call.CHANNEL_CREATE.*", "call.ACC.CHANNEL_CREATE.*", "CHANNEL_CREATE",
                                "call.CHANNEL_CREATE.abc", utf8("{\"call_id\":\"abc\"}")),
                        "{\"action\":\"event\",\"subscribed_key\":\"call.CHANNEL_CREATE.*\","
                                + "\"subscription_key\":\"call.ACC.CHANNEL_CREATE.*\",\"name\":\"CHANNEL_CREATE\","
                                + "\"routing_key\":\"call.CHANNEL_CREATE.abc\",\"data\":{\"call_id\":\"abc\"}}"),
                Arguments.of(new Event("doc_edited.*.user.*", "doc_edited.ACC.*.user.*", null,
                                "doc_edited.db.user.u1", utf8("{}")),
                        "{\"action\":\"event\",\"subscribed_key\":\"doc_edited.*.user.*\","
                                + "\"subscription_key\":\"doc_edited.ACC.*.user.*\","
                                + "\"routing_key\":\"doc_edited.db.user.u1\",\"data\":{}}"),
                Arguments.of(new Dropped(3), "{\"action\":\"notice\",\"type\":\"dropped\",\"data\":{\"count\":3}}"),
                Arguments.of(new Dropped(Long.MAX_VALUE),
                        "{\"action\":\"notice\",\"type\":\"dropped\",\"data\":{\"count\":9223372036854775807}}"),
                Arguments.of(new BrokerDown(), "{\"action\":\"notice\",\"type\":\"broker_down\",\"data\":{}}"),
                Arguments.of(new BrokerUp(), "{\"action\":\"notice\",\"type\":\"broker_up\",\"data\":{}}"));
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    void encode_everyServerMessage_writesGoldenText(ServerMessage message, String golden) {
        assertThat(text(codec.encode(message))).isEqualTo(golden);
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    void encode_twice_returnsEqualButSeparateArrays(ServerMessage message, String golden) {
        byte[] first = codec.encode(message);
        first[0] = 'X';

        assertThat(text(codec.encode(message))).isEqualTo(golden);
    }

    @Test
    void encodeEvent_sameFieldsAsEncode_sameBytes() {
        byte[] data = utf8("{\"a\":1}");

        assertThat(codec.encodeEvent("call.*.*", "call.ACC.*.*", "X", "call.X.1", data))
                .isEqualTo(codec.encode(new Event("call.*.*", "call.ACC.*.*", "X", "call.X.1", data)));
    }

    @Test
    void encodeEvent_dataWithWhitespaceAndEscapes_splicedByteForByte() {
        String data = "{ \"k\" : [1, 2.50, \"\\u00e9\\/\"],\n\t\"big\": 1e400 }";

        String frame = text(codec.encodeEvent("b", "s", null, "r", utf8(data)));

        assertThat(frame).isEqualTo("{\"action\":\"event\",\"subscribed_key\":\"b\",\"subscription_key\":\"s\","
                + "\"routing_key\":\"r\",\"data\":" + data + "}");
    }

    @Test
    void encodeEvent_nonAsciiData_keptAsUtf8() {
        String data = "{\"name\":\"Zoë 😀\"}";

        assertThat(text(codec.encodeEvent("b", "s", "N", "r", utf8(data)))).endsWith(",\"data\":" + data + "}");
    }

    @Test
    void encodeEvent_keysNeedingEscapes_escapedAsJsonStrings() {
        String frame = text(codec.encodeEvent("a\"b\\c", "tab\there", "new\nline", "ctl\u0001", utf8("{}")));

        assertThat(frame).isEqualTo("{\"action\":\"event\",\"subscribed_key\":\"a\\\"b\\\\c\","
                + "\"subscription_key\":\"tab\\there\",\"name\":\"new\\nline\","
                + "\"routing_key\":\"ctl\\u0001\",\"data\":{}}");
    }

    @Test
    void encode_loneSurrogateInRequestId_escapedNotFailed() {
        String frame = text(codec.encode(new Pong("x\ud800y")));

        assertThat(frame).contains("\"request_id\":\"x\\uD800y\"");
    }

    @Test
    void encode_nonAsciiRequestId_writtenAsUtf8() {
        assertThat(text(codec.encode(new Pong("réq-😀")))).contains("\"request_id\":\"réq-😀\"");
    }

    @Test
    void encodeEvent_nullRequiredField_throwsNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> codec.encodeEvent(null, "s", null, "r", utf8("{}")));
        assertThatNullPointerException().isThrownBy(() -> codec.encodeEvent("b", null, null, "r", utf8("{}")));
        assertThatNullPointerException().isThrownBy(() -> codec.encodeEvent("b", "s", null, null, utf8("{}")));
        assertThatNullPointerException().isThrownBy(() -> codec.encodeEvent("b", "s", null, "r", null));
    }

    static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
