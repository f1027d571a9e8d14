package io.wormhole.protocol.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one request from its JSON text under the rules of protocol §2 and §6.
 *
 * <p>Order of checks, each failing with the first problem found: the text is JSON, it is
 * an object, {@code request_id}, {@code action}, {@code auth_token}, then the fields of
 * the action. From {@code request_id} on, every failure carries the request's id (the
 * generated one when the request had none), so its error reply can be correlated.
 *
 * <p>Leniency, decided here once: unknown fields are ignored; a JSON {@code null} counts
 * as an absent field; a field that is overridden ({@code data.bindings} when
 * {@code data.binding} is present, top-level {@code name}/{@code metadata} when
 * {@code data} has them) is not examined; {@code ping} and {@code noop} ignore {@code data}.
 *
 * <p>Stateless; one shared instance serves every thread.
 */
final class RequestReader {

    static final int MAX_REQUEST_ID_CHARS = 255;

    /** How much of a client's text an error message quotes back. */
    private static final int MAX_QUOTED_CHARS = 64;

    Request read(String text) {
        JsonNode root = parse(text);
        if (!root.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "request must be a JSON object");
        }
        String requestId = requestId(root);
        try {
            return read(root, requestId);
        } catch (ProtocolException e) {
            throw e.withRequestId(requestId);
        }
    }

    private static JsonNode parse(String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw badRequest("request is not valid JSON: nested deeper than " + Json.MAX_DEPTH
                    + " levels or a value too long");
        } catch (NumberFormatException | ArithmeticException e) {
            // Valid JSON, but a decimal whose exponent does not fit a BigDecimal (1e99999999999).
            throw badRequest("request has a number out of range");
        } catch (JsonProcessingException | RuntimeException e) {
            throw badRequest("request is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw badRequest("request is not valid JSON");
        }
        return root;
    }

    private static Request read(JsonNode root, String requestId) {
        Action action = action(root);
        String authToken = optionalString(root, "auth_token", "auth_token");
        if (action == Action.PING) {
            return new Ping(requestId, authToken);
        }
        if (action == Action.NOOP) {
            return new Noop(requestId, authToken);
        }
        JsonNode data = present(root, "data");
        if (data != null && !data.isObject()) {
            throw badRequest("field 'data' must be an object");
        }
        String accountId = data == null ? null : optionalString(data, "account_id", "data.account_id");
        List<String> bindings = data == null ? List.of() : bindings(data);
        String name = inData(data, "name")
                ? optionalString(data, "name", "data.name")
                : optionalString(root, "name", "name");
        String metadata = metadata(present(inData(data, "metadata") ? data : root, "metadata"));
        if (action == Action.SUBSCRIBE) {
            if (bindings.isEmpty()) {
                throw badRequest("subscribe needs data.binding or data.bindings");
            }
            return new Subscribe(requestId, authToken, accountId, bindings, name, metadata);
        }
        return new Unsubscribe(requestId, authToken, accountId, bindings, name, metadata);
    }

    private enum Action { SUBSCRIBE, UNSUBSCRIBE, PING, NOOP }

    private static Action action(JsonNode root) {
        JsonNode node = present(root, "action");
        if (node == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_ACTION, "missing action");
        }
        if (!node.isTextual()) {
            throw new ProtocolException(ErrorCode.UNKNOWN_ACTION,
                    "unknown action: field 'action' must be one of subscribe, unsubscribe, ping, noop");
        }
        return switch (node.textValue()) {
            case "subscribe" -> Action.SUBSCRIBE;
            case "unsubscribe" -> Action.UNSUBSCRIBE;
            case "ping" -> Action.PING;
            case "noop" -> Action.NOOP;
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_ACTION,
                    "unknown action '" + quote(node.textValue()) + "'");
        };
    }

    private static String requestId(JsonNode root) {
        JsonNode node = present(root, "request_id");
        if (node == null) {
            return MessageCodec.newRequestId();
        }
        String id = node.isTextual() ? node.textValue() : null;
        if (id == null || id.isEmpty() || id.codePointCount(0, id.length()) > MAX_REQUEST_ID_CHARS) {
            throw badRequest("field 'request_id' must be a string of 1 to " + MAX_REQUEST_ID_CHARS + " characters");
        }
        return id;
    }

    /** {@code data.binding} wins over {@code data.bindings} (protocol §2). */
    private static List<String> bindings(JsonNode data) {
        if (present(data, "binding") != null) {
            return List.of(optionalString(data, "binding", "data.binding"));
        }
        JsonNode list = present(data, "bindings");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw badRequest("field 'data.bindings' must be a list of strings");
        }
        List<String> bindings = new ArrayList<>(list.size());
        for (JsonNode element : list) {
            if (!element.isTextual()) {
                throw badRequest("field 'data.bindings' must be a list of strings");
            }
            bindings.add(element.textValue());
        }
        return bindings;
    }

    /** Whether {@code data} supplies {@code field} (documented form), which then wins over the top level (4.3 form). */
    private static boolean inData(JsonNode data, String field) {
        return data != null && present(data, field) != null;
    }

    private static String metadata(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (IOException | RuntimeException e) {
            throw badRequest("field 'metadata' cannot be stored");
        }
    }

    private static String optionalString(JsonNode object, String field, String path) {
        JsonNode node = present(object, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw badRequest("field '" + path + "' must be a string");
        }
        return node.textValue();
    }

    /** The field's value, or {@code null} when it is missing or JSON {@code null}. */
    private static JsonNode present(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String quote(String clientText) {
        if (clientText.length() <= MAX_QUOTED_CHARS) {
            return clientText;
        }
        int end = MAX_QUOTED_CHARS;
        if (Character.isHighSurrogate(clientText.charAt(end - 1))) {
            end--;
        }
        return clientText.substring(0, end) + "…";
    }

    private static ProtocolException badRequest(String text) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, text);
    }
}
