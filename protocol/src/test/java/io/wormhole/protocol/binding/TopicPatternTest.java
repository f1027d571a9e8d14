package io.wormhole.protocol.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;

class TopicPatternTest {

    static Stream<Arguments> brokenRules() {
        String a256 = "a".repeat(256);
        String e128 = "é".repeat(128); // 128 characters, 256 UTF-8 bytes
        return Stream.of(
                Arguments.of("", "binding '': empty binding"),
                Arguments.of(a256, "binding '" + "a".repeat(32) + "...': longer than 255 bytes"),
                Arguments.of(e128, "binding '" + "é".repeat(32) + "...': longer than 255 bytes"),
                Arguments.of(".call", "binding '.call': empty segment at position 1"),
                Arguments.of("call..x", "binding 'call..x': empty segment at position 2"),
                Arguments.of("call.x.", "binding 'call.x.': empty segment at position 3"),
                Arguments.of(".", "binding '.': empty segment at position 1"),
                Arguments.of("call.CHANNEL_*.x",
                        "binding 'call.CHANNEL_*.x': wildcard inside a word at position 2;"
                                + " '*' and '#' must be whole segments"),
                Arguments.of("call.x.a#", "binding 'call.x.a#': wildcard inside a word at position 3;"
                        + " '*' and '#' must be whole segments"),
                Arguments.of("**.x", "binding '**.x': wildcard inside a word at position 1;"
                        + " '*' and '#' must be whole segments"),
                Arguments.of("a.#.b.#.c.#", "binding 'a.#.b.#.c.#': at most 2 '#' segments (another at position 6)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("brokenRules")
    void parse_brokenRule_rejectsWithItsOwnText(String binding, String text) {
        assertThatThrownBy(() -> TopicPattern.parse(binding))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BINDING);
                    assertThat(e.errors()).containsExactly(text);
                });
    }

    @Test
    void parse_null_rejectsAsEmpty() {
        assertThatThrownBy(() -> TopicPattern.parse(null))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errors()).containsExactly("binding '': empty binding"));
    }

    @Test
    void parse_longSurrogatePairs_echoesWholeCodePoints() {
        String emoji = "😀".repeat(64); // 256 UTF-8 bytes
        assertThatThrownBy(() -> TopicPattern.parse(emoji))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.errors())
                        .containsExactly("binding '" + "😀".repeat(32) + "...': longer than 255 bytes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call.CHANNEL_CREATE.*", "#", "*", "call.#", "#.#", "a.*.#.*", "x"})
    void parse_validPattern_keepsTextAndWords(String binding) {
        TopicPattern p = TopicPattern.parse(binding);
        assertThat(p.text()).isEqualTo(binding);
        assertThat(String.join(".", p.words())).isEqualTo(binding);
    }

    @Test
    void parse_exactly255Bytes_isAccepted() {
        String exact = "a".repeat(127) + "." + "é".repeat(63) + "b"; // 127 + 1 + 126 + 1 bytes
        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(TopicPattern.parse(exact).words()).hasSize(2);
    }

    @Test
    void words_areSplitOnDots() {
        assertThat(TopicPattern.parse("doc_edited.*.user.#").words()).containsExactly("doc_edited", "*", "user", "#");
    }

    @Test
    void equals_sameText_equalAndSameHash() {
        assertThat(TopicPattern.parse("call.*.x")).isEqualTo(TopicPattern.parse("call.*.x"))
                .hasSameHashCodeAs(TopicPattern.parse("call.*.x"))
                .isNotEqualTo(TopicPattern.parse("call.*.y"));
        assertThat(List.of(TopicPattern.parse("a")).toString()).isEqualTo("[a]");
    }
}
