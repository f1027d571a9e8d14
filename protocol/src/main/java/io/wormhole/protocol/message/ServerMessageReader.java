package io.wormhole.protocol.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wormhole.protocol.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads server messages back from their wire text: the inverse of
 * {@link ServerMessageWriter}, for clients and tests. An event's {@code data} is returned
 * as the exact bytes that stood in the frame, so that a round trip compares bytes, not
 * re-encoded JSON.
 *
 * <p>Anything that is not a server message fails with {@link IllegalArgumentException}:
 * a malformed server message is the server's fault, not a client's bad request.
 *
 * <p>Stateless; one shared instance serves every thread.
 */
final class ServerMessageReader {

    /** Default Jackson limits, no duplicate check: event data is the publisher's JSON, taken as it is. */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    ServerMessage read(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = MAPPER.readTree(utf8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a server message is a JSON object");
        }
        String action = string(root, "action");
        return switch (action) {
            case "reply" -> reply(root);
            case "event" -> event(root, utf8);
            case "notice" -> notice(root);
            default -> throw new IllegalArgumentException("unknown action '" + action + "'");
        };
    }

    private static Reply reply(JsonNode root) {
        String requestId = string(root, "request_id");
        String status = string(root, "status");
        JsonNode data = object(root, "data");
        if (status.equals("error")) {
            return new Failure(requestId, errorCode(string(data, "code")), strings(data, "errors"));
        }
        if (!status.equals("success")) {
            throw new IllegalArgumentException("unknown status '" + status + "'");
        }
        // An unsubscribe reply carries "subscribed" too (Kazoo's form), so it is recognised first.
        if (data.has("unsubscribed")) {
            return new Unsubscribed(requestId, strings(data, "unsubscribed"), strings(data, "subscriptions"));
        }
        if (data.has("subscribed")) {
            return new Subscribed(requestId, strings(data, "subscribed"), strings(data, "subscriptions"));
        }
        if ("pong".equals(data.path("response").textValue())) {
            return new Pong(requestId);
        }
        if (data.isEmpty()) {
            return new Acknowledged(requestId);
        }
        throw new IllegalArgumentException("unknown success reply: " + data);
    }

    private static Event event(JsonNode root, byte[] utf8) {
        JsonNode name = root.get("name");
        if (name != null && !name.isTextual()) {
            throw new IllegalArgumentException("field 'name' must be a string");
        }
        return new Event(string(root, "subscribed_key"), string(root, "subscription_key"),
                name == null ? null : name.textValue(), string(root, "routing_key"), rawData(utf8));
    }

    private static Notice notice(JsonNode root) {
        String type = string(root, "type");
        return switch (type) {
            case "dropped" -> {
                JsonNode count = object(root, "data").get("count");
                if (count == null || !count.canConvertToExactIntegral() || !count.canConvertToLong()) {
                    throw new IllegalArgumentException("field 'data.count' must be an integer");
                }
                yield new Dropped(count.longValue());
            }
            case "broker_down" -> new BrokerDown();
            case "broker_up" -> new BrokerUp();
            default -> throw new IllegalArgumentException("unknown notice type '" + type + "'");
        };
    }

    /** The bytes of the top-level {@code data} value exactly as they stand in the frame. */
    private static byte[] rawData(byte[] utf8) {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("data")) {
                    p.skipChildren();
                    continue;
                }
                if (!value.isStructStart()) {
                    throw new IllegalArgumentException("field 'data' of an event must be an object or array");
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentTokenLocation().getByteOffset() + 1;
                return Arrays.copyOfRange(utf8, start, end);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("an event has a field 'data'");
    }

    private static ErrorCode errorCode(String wire) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.wire().equals(wire)) {
                return code;
            }
        }
        throw new IllegalArgumentException("unknown error code '" + wire + "'");
    }

    private static String string(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return node.textValue();
    }

    private static JsonNode object(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("field '" + field + "' must be an object");
        }
        return node;
    }

    private static List<String> strings(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be a list of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new IllegalArgumentException("field '" + field + "' must be a list of strings");
            }
            values.add(element.textValue());
        }
        return values;
    }
}
