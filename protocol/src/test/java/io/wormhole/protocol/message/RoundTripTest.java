package io.wormhole.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wormhole.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code decodeServerMessage} is the inverse of {@code encode} for every server message. */
class RoundTripTest {

    private final MessageCodec codec = new MessageCodec();

    static Stream<ServerMessage> everyServerMessage() {
        return Stream.of(
                new Subscribed("r1", List.of("call.CHANNEL_CREATE.*"), List.of("call.CHANNEL_CREATE.*", "doc_edited.*.user.*")),
                new Subscribed("r2", List.of(), List.of()),
                new Unsubscribed("r3", List.of("a"), List.of()),
                new Unsubscribed("r3", List.of("a"), List.of("b")),
                new Acknowledged("r7"),
                new Pong("r4"),
                new Pong("id with \"quotes\", \\ and é😀"),
                new Failure("r5", ErrorCode.FORBIDDEN, List.of("no", "really not")),
                new Failure("r6", ErrorCode.UNAVAILABLE, List.of("line\nbreak")),
                new Event("call.*.*", "call.ACC.*.*", "CHANNEL_ANSWER", "call.CHANNEL_ANSWER.x",
                        "{\"a\":{\"b\":[1,2.50,\"é\"]}}".getBytes(StandardCharsets.UTF_8)),
                new Event("fax.status.*", "fax.ACC.status.*", null, "fax.status.acc.f1",
                        "{ \"spaced\" : [ ] }".getBytes(StandardCharsets.UTF_8)),
                new Event("k", "k", "n", "r", "[\"data\",{\"data\":1}]".getBytes(StandardCharsets.UTF_8)),
                new Dropped(1),
                new Dropped(Long.MAX_VALUE),
                new BrokerDown(),
                new BrokerUp());
    }

    @ParameterizedTest
    @MethodSource("everyServerMessage")
    void decodeServerMessage_encodedMessage_equalsOriginal(ServerMessage message) {
        String wire = new String(codec.encode(message), StandardCharsets.UTF_8);

        assertThat(codec.decodeServerMessage(wire)).isEqualTo(message);
    }

    static Stream<Event> everyEvent() {
        return everyServerMessage().filter(Event.class::isInstance).map(Event.class::cast);
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void decodeServerMessage_eventData_exactBytesOfTheFrame(Event event) {
        Event decoded = (Event) codec.decodeServerMessage(new String(codec.encode(event), StandardCharsets.UTF_8));

        assertThat(decoded.data()).isEqualTo(event.data());
        assertThat(decoded.name()).isEqualTo(event.name());
        assertThat(decoded.routingKey()).isEqualTo(event.routingKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[]",
            "{\"action\":\"wave\"}",
            "{\"action\":\"reply\",\"request_id\":\"r\",\"status\":\"maybe\",\"data\":{}}",
            "{\"action\":\"reply\",\"request_id\":\"r\",\"status\":\"error\",\"data\":{\"code\":\"oops\",\"errors\":[\"x\"]}}",
            "{\"action\":\"reply\",\"request_id\":\"r\",\"status\":\"success\",\"data\":{\"other\":1}}",
            "{\"action\":\"event\",\"subscribed_key\":\"a\",\"subscription_key\":\"a\",\"routing_key\":\"a\"}",
            "{\"action\":\"event\",\"subscribed_key\":\"a\",\"subscription_key\":\"a\",\"routing_key\":\"a\",\"data\":3}",
            "{\"action\":\"notice\",\"type\":\"dropped\",\"data\":{\"count\":0}}",
            "{\"action\":\"notice\",\"type\":\"dropped\",\"data\":{\"count\":1.5}}",
            "{\"action\":\"notice\",\"type\":\"party\",\"data\":{}}",
    })
    void decodeServerMessage_notAServerMessage_illegalArgument(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> codec.decodeServerMessage(text));
    }
}
