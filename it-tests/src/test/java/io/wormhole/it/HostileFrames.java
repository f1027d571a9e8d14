package io.wormhole.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A seeded corpus of hostile frames that each must be answered by one reply, with the
 * reply every one must get: text that is not JSON (cut requests, trailing garbage, JSON
 * extensions, raw control characters and NULs, duplicate keys, nesting too deep),
 * JSON that is not an object, a value of every wrong type in every field of every
 * action, unknown actions, malformed account ids, invalid bindings alone and among
 * valid ones, thousands of bindings in one request, binary frames, and requests just
 * under the frame limit. Frames that end their socket are in {@link ClosingFrames}.
 * Deterministic for a seed; one thread.
 */
final class HostileFrames {
    /** One frame and its due answer: {@code success} or an error code; {@code echoedId} null when the gateway makes one. */
    record Frame(String kind, byte[] payload, boolean binary, String expected, String echoedId) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ACTIONS = {"subscribe", "unsubscribe", "ping"};
    private static final String[] FIELDS = {"request_id", "action", "auth_token", "data", "data.account_id",
            "data.binding", "data.bindings", "data.bindings[0]", "data.name", "name", "data.metadata", "metadata"};
    private static final String[] SYNTAX = {"{'action':'ping'}", "{action:\"ping\"}", "{\"action\":\"ping\",}",
            "{\"action\":\"ping\"/*c*/}", "{\"action\":\"ping\"}//", "{\"action\":\"ping\",\"x\":NaN}",
            "{\"action\":\"ping\",\"x\":Infinity}", "{\"action\":\"ping\",\"x\":0x10}", "{\"action\":\"ping\",\"x\":01}",
            "{\"action\":\"ping\",\"x\":+1}", "{\"action\":\"ping\",\"x\":.5}", "{\"action\":\"ping\",\"x\":1.}",
            "{\"action\":\"ping\",\"x\":\"\\q\"}", "{\"action\":\"ping\",\"x\":\"\\u12\"}", "{\"action\":\"ping\" \"x\":1}",
            "{\"action\"=\"ping\"}", "{\"action\":\"ping\"}}", "{\"action\":\"ping\",,\"x\":1}", "{\"action\":ping}",
            "{\"action\":\"ping\",\"x\":[1,]}", "{\"action\":\"ping\",\"x\":tru}", "{\"action\":\"ping\",\"x\":\"a}"};
    private static final String[] TRAILING = {"}", "]", ",", "x", "{}", "\"a\"", "1", "null", ":", "//c", "/*", "\u0000"};

    private final Random random;
    private final String token;
    private final String account;
    private final RequestRules rules;
    private final InvalidBindings bindings;
    private final int maxFrame;
    private final List<Frame> out = new ArrayList<>();
    private int ids;

    HostileFrames(long seed, String token, String account, int maxFrame) {
        this.random = new Random(seed);
        this.token = token;
        this.account = account;
        this.rules = new RequestRules(token, account);
        this.bindings = new InvalidBindings(random);
        this.maxFrame = maxFrame;
    }

    /** The whole corpus, shuffled with the seed. */
    List<Frame> all() {
        repeat(600, this::truncated);
        repeat(200, () -> text("trailing garbage", valid() + TRAILING[random.nextInt(TRAILING.length)], "bad_request", null));
        repeat(200, this::notAnObject);
        repeat(220, () -> text("JSON extension", SYNTAX[random.nextInt(SYNTAX.length)], "bad_request", null));
        controlCharacters();
        repeat(100, this::duplicateKey);
        nesting();
        for (int round = 0; round < 2; round++) {
            for (String action : ACTIONS) {
                for (String field : FIELDS) {
                    for (int v = 0; v < 11; v++) {
                        wrongType(action, List.of(field), v);
                    }
                }
            }
        }
        repeat(800, () -> wrongType(ACTIONS[random.nextInt(3)],
                List.of(FIELDS[random.nextInt(FIELDS.length)], FIELDS[random.nextInt(FIELDS.length)]), random.nextInt(11)));
        repeat(200, this::unknownAction);
        repeat(100, this::accountId);
        repeat(1500, () -> subscribe("invalid binding", List.of(bindings.next()), false));
        repeat(100, this::someInvalid);
        repeat(60, this::tooMany);
        repeat(300, this::binary);
        nearTheLimit();
        java.util.Collections.shuffle(out, random);
        return out;
    }

    private void truncated() {
        byte[] whole = valid().getBytes(StandardCharsets.US_ASCII);
        text("cut request", new String(whole, 0, random.nextInt(whole.length), StandardCharsets.US_ASCII),
                "bad_request", null);
    }

    private void notAnObject() {
        String[] values = {"[]", "[{\"action\":\"ping\"}]", "\"ping\"", "42", "-1.5e300", "true", "false", "null",
                "[" + valid() + "]", "\"" + "x".repeat(random.nextInt(1000)) + "\""};
        text("not an object", values[random.nextInt(values.length)], "bad_request", null);
    }

    private void controlCharacters() {
        for (char c = 0; c < 0x20; c++) {
            String id = nextId();
            text("raw control character", "{\"action\":\"ping\",\"request_id\":\"" + id + c + "\"}", "bad_request", null);
            text("raw control character", "{\"action\":\"pi" + c + "ng\"}", "bad_request", null);
            text("raw control character", "{\"action\":\"subscribe\",\"auth_token\":\"" + token
                    + "\",\"data\":{\"binding\":\"call." + c + "\"}}", "bad_request", null);
            if (c != '\t' && c != '\n' && c != '\r') {
                text("control character outside a string", c + "{\"action\":\"ping\"}", "bad_request", null);
            }
            String escaped = id + String.format("\\u%04x", (int) c);
            text("escaped control character", "{\"action\":\"ping\",\"request_id\":\"" + escaped + "\"}", "success",
                    id + c);
        }
        text("NUL after the object", "{\"action\":\"ping\"}\u0000", "bad_request", null);
        text("DEL in a string", "{\"action\":\"ping\",\"request_id\":\"a\u007fb\"}", "success", "a\u007fb");
    }

    private void duplicateKey() {
        String[] fields = {"action\":\"ping", "request_id\":\"r", "auth_token\":\"t", "data\":{}", "name\":\"n",
                "x\":1"};
        String f = fields[random.nextInt(fields.length)];
        String dup = "\"" + f + (f.endsWith("}") || f.endsWith("1") ? "" : "\"");
        String frame = switch (random.nextInt(3)) {
            case 0 -> "{\"action\":\"ping\"," + dup + "," + dup + "}";
            case 1 -> "{\"action\":\"subscribe\",\"data\":{\"binding\":\"fax.status.*\",\"binding\":\"call.#\"}}";
            default -> "{\"action\":\"ping\",\"metadata\":{\"a\":{\"b\":[{\"k\":1,\"k\":1}]}}}";
        };
        text("duplicate key", frame, "bad_request", null);
    }

    private void nesting() {
        for (int depth = 1; depth <= 63; depth++) {
            String id = nextId();
            text("nested " + depth, "{\"action\":\"ping\",\"request_id\":\"" + id + "\",\"metadata\":" + nested(depth)
                    + "}", "success", id);
        }
        for (int i = 0; i < 100; i++) {
            int depth = 64 + random.nextInt(3000);
            text("nested too deep", "{\"action\":\"ping\",\"metadata\":" + nested(depth) + "}", "bad_request", null);
        }
        text("unbalanced deep nesting", "[".repeat(maxFrame - 1), "bad_request", null);
        text("unbalanced deep nesting", "{\"a\":".repeat((maxFrame - 1) / 5), "bad_request", null);
    }

    private String nested(int depth) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            s.append(i % 2 == 0 ? "[" : "{\"k\":");
        }
        s.append('1');
        for (int i = depth - 1; i >= 0; i--) {
            s.append(i % 2 == 0 ? "]" : "}");
        }
        return s.toString();
    }

    /** A base request of the action with the value number {@code v} put at each of the fields. */
    private void wrongType(String action, List<String> fields, int v) {
        ObjectNode request = base(action);
        for (String field : fields) {
            put(request, field, wrongValue(v));
        }
        frame("wrong type in " + String.join("+", fields) + " of " + action, request,
                rules.expected(request, onlyValidBindings(request)), echoedId(request));
    }

    /** The request's id when it has a usable one; else null (the gateway makes one). */
    private static String echoedId(ObjectNode request) {
        JsonNode id = request.get("request_id");
        boolean usable = id != null && id.isTextual() && !id.textValue().isEmpty() && id.textValue().length() <= 255;
        return usable ? id.textValue() : null;
    }

    private static boolean onlyValidBindings(ObjectNode request) {
        JsonNode data = request.get("data");
        if (data == null || !data.isObject()) {
            return true;
        }
        JsonNode named = data.hasNonNull("binding") ? NODES.arrayNode().add(data.get("binding")) : data.get("bindings");
        if (named == null || !named.isArray()) {
            return true;
        }
        for (JsonNode b : named) {
            if (b.isTextual() && !InvalidBindings.VALID.contains(b.textValue())) {
                return false;
            }
        }
        return true;
    }

    private JsonNode wrongValue(int v) {
        return switch (v) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.objectNode();
            case 5 -> NODES.objectNode().put("binding", "call.#");
            case 6 -> NODES.arrayNode();
            case 7 -> NODES.arrayNode().add("call.CHANNEL_CREATE.*").add(1);
            case 8 -> NODES.arrayNode().add(NODES.arrayNode().add(NODES.objectNode()));
            case 9 -> NODES.textNode("");
            default -> NODES.numberNode(random.nextDouble());
        };
    }

    private void unknownAction() {
        String[] words = {"Subscribe", "PING", " ping", "ping ", "sub", "unsub", "subscribe\u0000", "pong", "reply",
                "event", "\u00e9", "\ud83d\ude00", "x".repeat(1 + random.nextInt(5000)), "ping\\u0000"};
        String id = nextId();
        text("unknown action", "{\"action\":" + Json.quote(words[random.nextInt(words.length)]) + ",\"request_id\":\""
                + id + "\"}", "unknown_action", id);
    }

    private void accountId() {
        String[] ids = {"*x", "**", account.toUpperCase(java.util.Locale.ROOT), account.substring(1),
                account + "0", account.substring(1) + "g", " " + account.substring(1), "", "\u0000".repeat(32),
                Ids.account(), "*"};
        ObjectNode request = base(random.nextBoolean() ? "subscribe" : "unsubscribe");
        ((ObjectNode) request.get("data")).put("account_id", ids[random.nextInt(ids.length)]);
        frame("account id", request, rules.expected(request, true), request.get("request_id").textValue());
    }

    private void someInvalid() {
        List<String> list = new ArrayList<>();
        int n = 2 + random.nextInt(RequestRules.MAX_BINDINGS_PER_REQUEST - 1);
        for (int i = 0; i < n; i++) {
            list.add(random.nextInt(4) == 0 ? bindings.next() : bindings.valid());
        }
        list.set(random.nextInt(n), bindings.next());
        subscribe("invalid bindings among valid ones", list, false);
    }

    private void tooMany() {
        List<String> list = new ArrayList<>();
        int n = RequestRules.MAX_BINDINGS_PER_REQUEST + 1 + random.nextInt(2400);
        for (int i = 0; i < n; i++) {
            list.add(random.nextBoolean() ? bindings.valid() : "fax.status." + i);
        }
        subscribe("thousands of bindings", list, true);
    }

    private void subscribe(String kind, List<String> list, boolean valid) {
        ObjectNode request = base("subscribe");
        ObjectNode data = (ObjectNode) request.get("data");
        data.remove("binding");
        ArrayNode array = data.putArray("bindings");
        list.forEach(array::add);
        frame(kind, request, rules.expected(request, valid), request.get("request_id").textValue());
    }

    private void binary() {
        byte[] bytes = random.nextBoolean() ? valid().getBytes(StandardCharsets.UTF_8) : new byte[random.nextInt(4096)];
        if (bytes.length > 0 && bytes[0] != '{') {
            random.nextBytes(bytes);
        }
        out.add(new Frame("binary frame", bytes, true, "bad_request", null));
    }

    /** Requests of exactly the frame limit and one byte under it: answered, not closed. */
    private void nearTheLimit() {
        for (int size : new int[] {maxFrame, maxFrame - 1}) {
            String id = nextId();
            String head = "{\"action\":\"ping\",\"request_id\":\"" + id + "\",\"pad\":\"";
            text("ping of " + size + " bytes", head + "x".repeat(size - head.length() - 2) + "\"}", "success", id);
            String subId = nextId();
            String subHead = "{\"action\":\"subscribe\",\"request_id\":\"" + subId + "\",\"auth_token\":\"" + token
                    + "\",\"data\":{\"binding\":\"call.CHANNEL_CREATE.";
            text("binding filling " + size + " bytes", subHead + "a".repeat(size - subHead.length() - 3) + "\"}}",
                    "invalid_binding", subId);
        }
        text("request id of 255 characters", "{\"action\":\"ping\",\"request_id\":\"" + "\ud83d\ude00".repeat(255)
                + "\"}", "success", "\ud83d\ude00".repeat(255));
        text("request id of 256 characters", "{\"action\":\"ping\",\"request_id\":\"" + "r".repeat(256) + "\"}",
                "bad_request", null);
    }

    private ObjectNode base(String action) {
        ObjectNode request = NODES.objectNode().put("action", action).put("request_id", nextId())
                .put("auth_token", token);
        if (!action.equals("ping")) {
            request.putObject("data").put("binding", "call.CHANNEL_CREATE.*");
        }
        return request;
    }

    private static void put(ObjectNode request, String field, JsonNode value) {
        if (field.startsWith("data.")) {
            ObjectNode data = request.get("data") instanceof ObjectNode d ? d : request.putObject("data");
            if (field.startsWith("data.bindings")) {
                data.remove("binding");
            }
            if (field.equals("data.bindings[0]")) {
                data.putArray("bindings").add(value).add("fax.status.*");
            } else {
                data.set(field.substring(5), value);
            }
        } else {
            request.set(field, value);
        }
    }

    private String valid() {
        return base(ACTIONS[random.nextInt(3)]).toString();
    }

    private void frame(String kind, ObjectNode request, String expected, String echoedId) {
        try {
            out.add(new Frame(kind, MAPPER.writeValueAsBytes(request), false, expected, echoedId));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void text(String kind, String text, String expected, String echoedId) {
        out.add(new Frame(kind, text.getBytes(StandardCharsets.UTF_8), false, expected, echoedId));
    }

    private String nextId() {
        return "h-" + ids++;
    }

    private void repeat(int times, Runnable generator) {
        for (int i = 0; i < times; i++) {
            generator.run();
        }
    }
}
