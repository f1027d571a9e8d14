package io.wormhole.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wormhole.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a client sends, {@code decode} either returns a request or throws
 * {@link ProtocolException}; never another exception, never a stack overflow. Whatever
 * it returns or throws can be answered: the reply encodes.
 */
class GarbageCorpusTest {

    private static final long SEED = 0x5EED_2600L;
    private static final int PER_GENERATOR = 2_500;

    private final MessageCodec codec = new MessageCodec();

    static Stream<Arguments> generators() {
        GarbageCorpus corpus = new GarbageCorpus(SEED);
        return Stream.of(
                Arguments.of("random bytes", (Supplier<byte[]>) corpus::randomBytes),
                Arguments.of("random JSON-ish text", (Supplier<byte[]>) () -> utf8(corpus.randomJsonish())),
                Arguments.of("mutated valid requests", (Supplier<byte[]>) () -> utf8(corpus.mutation())),
                Arguments.of("byte-flipped valid requests", (Supplier<byte[]>) corpus::byteMutation),
                Arguments.of("fields of random types", (Supplier<byte[]>) () -> utf8(corpus.wrongTypes())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void decode_generatedGarbage_onlyProtocolException(String kind, Supplier<byte[]> generator) {
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < PER_GENERATOR; i++) {
            byte[] input = generator.get();
            checkBytes(input, broken);
            // The String entry point sees the same text, with invalid UTF-8 replaced.
            checkText(new String(input, StandardCharsets.UTF_8), broken);
        }
        assertThat(broken).as("seed %x, %s", SEED, kind).isEmpty();
    }

    @Test
    void decode_everyTruncationOfValidRequests_onlyProtocolException() {
        List<byte[]> inputs = GarbageCorpus.truncations();
        List<String> broken = new ArrayList<>();
        for (byte[] input : inputs) {
            checkBytes(input, broken);
        }
        assertThat(inputs).hasSizeGreaterThan(300);
        assertThat(broken).isEmpty();
    }

    static Stream<String> handWritten() {
        String deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        return Stream.of(
                deepArrays,
                deepObjects,
                "[".repeat(10_000),
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":" + deepArrays + "}}",
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":" + deepObjects + "}}",
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":1e999999999}}",
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":1e99999999999999}}",
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":-1e-2147483648}}",
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":0." + "0".repeat(990) + "1e-2147483647}}",
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":" + "9".repeat(100_000) + "}}",
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"a\",\"metadata\":1." + "1".repeat(100_000) + "}}",
                "{\"action\":\"ping\",\"request_id\":" + "1".repeat(999) + "}",
                "{\"action\":\"subscribe\",\"data\":{\"binding\":\"" + "a.".repeat(500_000) + "a\"}}",
                "{\"action\":\"" + "x".repeat(1_000_000) + "\"}",
                "\ufeff{\"action\":\"ping\"}",
                "{\"action\":\"ping\"}\u0000",
                "\u0000",
                "{\"action\":\"ping\" /* c */}",
                "{\"action\":\"ping\",\"request_id\":\"\\ud800\"}",
                "{\"action\":\"ping\",\"request_id\":\"\\u\"}",
                "{\"action\":\"ping\",\"request_id\":\"a\u0001b\"}",
                "{\"action\":\"\\u0070ing\"}",
                "{\"action\":\"ping\",\"data\":{\"a\":1,\"a\":2}}",
                "{\"\":\"\"}",
                "{\"action\":\"subscribe\",\"data\":{\"bindings\":[" + "\"a\",".repeat(50_000) + "\"a\"]}}");
    }

    @ParameterizedTest
    @MethodSource("handWritten")
    void decode_handWrittenNastyInput_onlyProtocolException(String input) {
        List<String> broken = new ArrayList<>();
        checkText(input, broken);
        checkBytes(utf8(input), broken);
        assertThat(broken).isEmpty();
    }

    static Stream<byte[]> handWrittenBytes() {
        return Stream.of(
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'},
                new byte[] {'"', (byte) 0xED, (byte) 0xB0, (byte) 0x80, '"'},
                new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},
                new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0},
                new byte[] {0, 0, 0, '{', 0, 0, 0, '}'},
                "{\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_16),
                "{\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_16LE),
                new byte[0]);
    }

    @ParameterizedTest
    @MethodSource("handWrittenBytes")
    void decode_handWrittenBadEncoding_onlyProtocolException(byte[] input) {
        List<String> broken = new ArrayList<>();
        checkBytes(input, broken);
        assertThat(broken).isEmpty();
    }

    private void checkBytes(byte[] input, List<String> broken) {
        check(() -> codec.decode(input), describe(new String(input, StandardCharsets.ISO_8859_1)), broken);
    }

    private void checkText(String input, List<String> broken) {
        check(() -> codec.decode(input), describe(input), broken);
    }

    /** Decodes, then encodes the reply the gateway would send, so that nothing read is unanswerable. */
    private void check(Supplier<Request> decode, String shown, List<String> broken) {
        try {
            Request request;
            try {
                request = decode.get();
            } catch (ProtocolException e) {
                codec.encode(Failure.of(e, null));
                return;
            }
            if (request == null || request.requestId() == null) {
                broken.add("null result for " + shown);
                return;
            }
            codec.encode(new Pong(request.requestId()));
        } catch (RuntimeException | StackOverflowError e) {
            broken.add(e + " for " + shown);
        }
    }

    private static String describe(String input) {
        return input.length() <= 200 ? "'" + input + "'" : "'" + input.substring(0, 200) + "…' (" + input.length() + " chars)";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
