package io.wormhole.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the message records accept, copy and show. */
class MessagesTest {

    @Test
    void subscribe_noBindings_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Subscribe("r", null, null, List.of(), null, null));
    }

    @Test
    void requests_nullRequestId_rejected() {
        assertThatNullPointerException().isThrownBy(() -> new Subscribe(null, null, null, List.of("a"), null, null));
        assertThatNullPointerException().isThrownBy(() -> new Unsubscribe(null, null, null, List.of(), null, null));
        assertThatNullPointerException().isThrownBy(() -> new Ping(null, null));
        assertThatNullPointerException().isThrownBy(() -> new Noop(null, null));
    }

    @Test
    void requests_nullBindingElement_rejected() {
        List<String> withNull = Arrays.asList("a", null);

        assertThatNullPointerException().isThrownBy(() -> new Subscribe("r", null, null, withNull, null, null));
        assertThatNullPointerException().isThrownBy(() -> new Unsubscribe("r", null, null, withNull, null, null));
    }

    @Test
    void subscribe_callerListChangedLater_recordUnchanged() {
        List<String> bindings = new ArrayList<>(List.of("a"));
        Subscribe request = new Subscribe("r", null, null, bindings, null, null);

        bindings.add("b");

        assertThat(request.bindings()).containsExactly("a");
    }

    @Test
    void replies_listsCopiedAndUnmodifiable() {
        List<String> names = new ArrayList<>(List.of("a"));
        Subscribed reply = new Subscribed("r", names, names);

        names.clear();

        assertThat(reply.subscribed()).containsExactly("a");
        assertThat(reply.subscriptions()).isUnmodifiable();
    }

    @Test
    void requests_toString_neverShowsTheToken() {
        String secret = "eyJhbGciOiJSUzI1NiJ9.secret.sig";

        assertThat(new Subscribe("r", secret, "acc", List.of("a"), "n", null).toString())
                .doesNotContain(secret).contains("<redacted>", "acc");
        assertThat(new Unsubscribe("r", secret, null, List.of(), null, null).toString()).doesNotContain(secret);
        assertThat(new Ping("r", secret).toString()).doesNotContain(secret);
        assertThat(new Noop("r", secret).toString()).doesNotContain(secret);
    }

    @Test
    void failure_noErrors_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Failure("r", ErrorCode.BAD_REQUEST, List.of()));
    }

    @Test
    void failureOf_exceptionWithId_usesThatId() {
        ProtocolException e = new ProtocolException(ErrorCode.FORBIDDEN, List.of("no"), "mine");

        assertThat(Failure.of(e, "fallback")).isEqualTo(new Failure("mine", ErrorCode.FORBIDDEN, List.of("no")));
    }

    @Test
    void failureOf_exceptionWithoutId_usesFallback() {
        assertThat(Failure.of(MessageCodec.binaryFrame(), "fallback").requestId()).isEqualTo("fallback");
    }

    @Test
    void failureOf_noIdAnywhere_generatesOne() {
        assertThat(Failure.of(MessageCodec.binaryFrame(), null).requestId()).matches("[0-9a-f]{32}");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void dropped_countBelowOne_rejected(long count) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Dropped(count));
    }

    @Test
    void event_sameDataInDifferentArrays_equalWithSameHash() {
        Event first = new Event("b", "s", "n", "r", bytes("{\"a\":1}"));
        Event second = new Event("b", "s", "n", "r", bytes("{\"a\":1}"));

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void event_differentData_notEqual() {
        assertThat(new Event("b", "s", null, "r", bytes("{\"a\":1}")))
                .isNotEqualTo(new Event("b", "s", null, "r", bytes("{\"a\":2}")));
    }

    @Test
    void event_differentName_notEqual() {
        assertThat(new Event("b", "s", null, "r", bytes("{}"))).isNotEqualTo(new Event("b", "s", "n", "r", bytes("{}")));
    }

    @Test
    void event_toString_showsDataAsTextCappedForLargePayloads() {
        assertThat(new Event("b", "s", null, "r", bytes("{\"a\":1}")).toString()).contains("data={\"a\":1}");
        assertThat(new Event("b", "s", null, "r", bytes("{\"a\":\"" + "x".repeat(10_000) + "\"}")).toString())
                .hasSizeLessThan(400).contains("(10008 bytes)");
    }

    @Test
    void event_nullRequiredField_rejected() {
        assertThatNullPointerException().isThrownBy(() -> new Event(null, "s", null, "r", bytes("{}")));
        assertThatNullPointerException().isThrownBy(() -> new Event("b", null, null, "r", bytes("{}")));
        assertThatNullPointerException().isThrownBy(() -> new Event("b", "s", null, null, bytes("{}")));
        assertThatNullPointerException().isThrownBy(() -> new Event("b", "s", null, "r", null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
