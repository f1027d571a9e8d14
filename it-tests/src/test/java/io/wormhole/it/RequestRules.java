package io.wormhole.it;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The reply a well-formed JSON request must get, worked out from docs/protocol.md
 * ("Requests", steps 2 to 10, in that order) rather than from the gateway's code: the
 * oracle of the hostile corpus. It knows one socket state: authenticated with
 * {@code token}, whose account is {@code account} and may see no other. Bindings are
 * judged by the caller, who knows how each was made ({@code bindingsValid}). Stateless.
 */
final class RequestRules {
    private static final Set<String> ACTIONS = Set.of("subscribe", "unsubscribe", "ping");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9a-f]{32}");
    static final int MAX_BINDINGS_PER_REQUEST = 100;

    private final String token;
    private final String account;

    RequestRules(String token, String account) {
        this.token = token;
        this.account = account;
    }

    /** {@code success} or the error code the request must be answered with. */
    String expected(ObjectNode request, boolean bindingsValid) {
        JsonNode id = present(request, "request_id");
        if (id != null && (!id.isTextual() || id.textValue().isEmpty()
                || id.textValue().codePointCount(0, id.textValue().length()) > 255)) {
            return "bad_request";
        }
        JsonNode action = present(request, "action");
        if (action == null || !action.isTextual() || !ACTIONS.contains(action.textValue())) {
            return "unknown_action";
        }
        JsonNode authToken = present(request, "auth_token");
        if (authToken != null && !authToken.isTextual()) {
            return "bad_request";
        }
        boolean ping = action.textValue().equals("ping");
        String decoded = ping ? null : dataProblem(request, action.textValue().equals("subscribe"));
        if (decoded != null) {
            return decoded;
        }
        if (authToken != null && !authToken.textValue().equals(token)) {
            return "token_invalid";
        }
        if (ping) {
            return "success";
        }
        JsonNode data = present(request, "data");
        JsonNode requested = data == null ? null : present(data, "account_id");
        String target = requested == null ? account : requested.textValue();
        if (!target.equals("*") && !ACCOUNT_ID.matcher(target).matches()) {
            return "bad_request";
        }
        if (action.textValue().equals("unsubscribe")) {
            return "success";
        }
        if (bindingCount(data) > MAX_BINDINGS_PER_REQUEST) {
            return "too_many_bindings";
        }
        if (!bindingsValid) {
            return "invalid_binding";
        }
        return target.equals(account) ? "success" : "forbidden";
    }

    /** Step 5 and 6: the fields of {@code data} and the top-level {@code name}. */
    private static String dataProblem(ObjectNode request, boolean subscribe) {
        JsonNode data = present(request, "data");
        if (data != null && !data.isObject()) {
            return "bad_request";
        }
        if (data != null && notString(present(data, "account_id"))) {
            return "bad_request";
        }
        JsonNode binding = data == null ? null : present(data, "binding");
        JsonNode bindings = data == null ? null : present(data, "bindings");
        if (binding != null ? !binding.isTextual() : bindings != null && !listOfStrings(bindings)) {
            return "bad_request";
        }
        JsonNode name = data != null && present(data, "name") != null ? present(data, "name")
                : present(request, "name");
        if (notString(name)) {
            return "bad_request";
        }
        if (subscribe && binding == null && (bindings == null || bindings.isEmpty())) {
            return "bad_request";
        }
        return null;
    }

    private static int bindingCount(JsonNode data) {
        if (data == null || present(data, "binding") != null) {
            return 1;
        }
        JsonNode bindings = present(data, "bindings");
        return bindings == null ? 0 : bindings.size();
    }

    private static boolean listOfStrings(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean notString(JsonNode node) {
        return node != null && !node.isTextual();
    }

    /** A field counts as absent when missing or JSON {@code null} (docs/protocol.md, step 5). */
    private static JsonNode present(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node;
    }
}
