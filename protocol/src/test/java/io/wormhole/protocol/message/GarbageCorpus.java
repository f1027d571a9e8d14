package io.wormhole.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile request frames from a seed, so that every run feeds the same inputs
 * and a failure names the seed and the input that broke the codec.
 */
final class GarbageCorpus {

    /** Valid requests in every form; the mutations start from these. */
    static final List<String> VALID = List.of(
            "{\"action\":\"subscribe\",\"auth_token\":\"a.b.c\",\"request_id\":\"r1\","
                    + "\"data\":{\"account_id\":\"0123456789abcdef0123456789abcdef\",\"binding\":\"call.CHANNEL_CREATE.*\","
                    + "\"name\":\"My socket\",\"metadata\":{\"any\":[1,2.5,true,null,\"x\"]}}}",
            "{\"action\":\"subscribe\",\"request_id\":\"r2\",\"data\":{\"bindings\":[\"doc_edited.*.user.*\",\"fax.status.*\"]},"
                    + "\"name\":\"top\",\"metadata\":\"m\"}",
            "{\"action\":\"unsubscribe\",\"request_id\":\"r3\",\"data\":{\"bindings\":[\"a.b\"]}}",
            "{\"action\":\"unsubscribe\"}",
            "{\"action\":\"ping\",\"request_id\":\"\\u00e9\\ud83d\\ude00\"}",
            " {\"action\" : \"ping\" , \"auth_token\" : \"t\" } ");

    /** Fragments that steer mutations towards the parser's and the reader's edge cases. */
    private static final String[] TOKENS = {
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "null", "true", "false",
            "-", "0", "1e999999999", "-1e-999999999", "123456789012345678901234567890", "1.", ".5", "01",
            "NaN", "Infinity", "/*", "//", "'", "\u0000", "\u001f", "\u2028", "\ufeff", "\ud800", "😀", "é",
            "\"action\"", "\"request_id\"", "\"data\"", "\"binding\"", "\"bindings\"", "\"metadata\"",
            "\"subscribe\"", "\"unsubscribe\"", "\"ping\"", "{\"a\":", "[[[[", "]]]]", " ", "\n", "\t",
    };

    private final Random random;

    GarbageCorpus(long seed) {
        this.random = new Random(seed);
    }

    /** Every prefix of every valid request, by bytes (so UTF-8 sequences are cut too). */
    static List<byte[]> truncations() {
        List<byte[]> inputs = new ArrayList<>();
        for (String valid : VALID) {
            byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
            for (int end = 0; end < bytes.length; end++) {
                inputs.add(java.util.Arrays.copyOf(bytes, end));
            }
        }
        return inputs;
    }

    byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (random.nextBoolean() && bytes.length > 0) {
            bytes[0] = '{';
        }
        return bytes;
    }

    /** Random text over the characters JSON cares about. */
    String randomJsonish() {
        StringBuilder text = new StringBuilder();
        int tokens = random.nextInt(40);
        for (int i = 0; i < tokens; i++) {
            text.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return text.toString();
    }

    /** A valid request with one to four characters replaced, deleted or inserted. */
    String mutation() {
        StringBuilder text = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                default -> text.setCharAt(at, (char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    /** A valid request whose bytes have one to four bytes flipped: invalid UTF-8 most of the time. */
    byte[] byteMutation() {
        byte[] bytes = VALID.get(random.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 | random.nextInt(0x80));
        }
        return bytes;
    }

    /** A well-formed object whose known fields hold values of random types and shapes. */
    String wrongTypes() {
        String[] fields = {"action", "request_id", "auth_token", "data", "name", "metadata"};
        String[] dataFields = {"account_id", "binding", "bindings", "name", "metadata"};
        StringBuilder text = new StringBuilder("{\"action\":\"")
                .append(new String[] {"subscribe", "unsubscribe", "ping"}[random.nextInt(3)]).append('"');
        for (String field : fields) {
            if (random.nextInt(3) == 0) {
                text.append(",\"").append(field).append("\":");
                if (field.equals("data") && random.nextBoolean()) {
                    text.append('{');
                    String separator = "";
                    for (String dataField : dataFields) {
                        if (random.nextBoolean()) {
                            text.append(separator).append('"').append(dataField).append("\":").append(value(3));
                            separator = ",";
                        }
                    }
                    text.append('}');
                } else {
                    text.append(value(3));
                }
            }
        }
        return text.append('}').toString();
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> random.nextDouble() + "e" + (random.nextInt(800) - 400);
            case 4 -> "\"" + "x".repeat(random.nextInt(300)) + "\"";
            case 5 -> "\"call.*.#\"";
            case 6 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
            default -> "{\"k\":" + value(depth - 1) + "}";
        };
    }
}
