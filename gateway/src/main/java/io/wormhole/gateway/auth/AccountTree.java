package io.wormhole.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reseller trees of accounts and the super-admins, as read from an accounts file:
 *
 * <pre>{"accounts": {"&lt;id&gt;": {"parent": "&lt;id&gt;" | null, "name": "..."}},
 *  "super_admins": ["&lt;id&gt;", ...]}</pre>
 *
 * <p>An account may see itself and its descendants; a super-admin may see every
 * account and {@code "*"}. A parent must itself be listed; loops are refused when the
 * file is read, so every walk up the tree ends. {@code name} is for people and ignored.
 * An account that is not in the file has no parent and no children: it sees itself only.
 *
 * <p>Immutable; {@link #maySee} walks from the account up to its root (cost: the depth
 * of the tree, a few steps for Kazoo's reseller trees).
 */
final class AccountTree {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<String, String> parents;
    private final Set<String> superAdmins;

    private AccountTree(Map<String, String> parents, Set<String> superAdmins) {
        this.parents = Collections.unmodifiableMap(new HashMap<>(parents));
        this.superAdmins = Set.copyOf(superAdmins);
    }

    /**
     * Reads an accounts file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static AccountTree read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read accounts file '" + file + "': " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("accounts file '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Parses an accounts document; throws {@link IllegalArgumentException} saying what is wrong. */
    static AccountTree parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"accounts\" and \"super_admins\"");
        }
        onlyFields(root, "the document", "accounts", "super_admins");
        Map<String, String> parents = new HashMap<>();
        JsonNode accounts = root.path("accounts");
        if (!accounts.isMissingNode()) {
            if (!accounts.isObject()) {
                throw new IllegalArgumentException("\"accounts\" must be an object keyed by account id");
            }
            for (Map.Entry<String, JsonNode> e : accounts.properties()) {
                parents.put(id(e.getKey(), "an account id"), parent(e.getKey(), e.getValue()));
            }
        }
        Set<String> superAdmins = new LinkedHashSet<>();
        JsonNode admins = root.path("super_admins");
        if (!admins.isMissingNode()) {
            if (!admins.isArray()) {
                throw new IllegalArgumentException("\"super_admins\" must be an array of account ids");
            }
            for (JsonNode a : admins) {
                if (!a.isTextual()) {
                    throw new IllegalArgumentException("\"super_admins\" must be an array of account ids");
                }
                superAdmins.add(id(a.asText(), "a super-admin id"));
            }
        }
        checkParents(parents);
        return new AccountTree(parents, superAdmins);
    }

    /** Whether {@code viewer} may see {@code account} ({@code "*"} = every account). */
    boolean maySee(String viewer, String account) {
        if (superAdmins.contains(viewer)) {
            return true;
        }
        if (account.equals("*")) {
            return false;
        }
        for (String a = account; a != null; a = parents.get(a)) {
            if (a.equals(viewer)) {
                return true;
            }
        }
        return false;
    }

    private static String parent(String account, JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("account " + account + ": expected an object such as {\"parent\": null}");
        }
        onlyFields(entry, "account " + account, "parent", "name");
        JsonNode parent = entry.path("parent");
        if (parent.isMissingNode() || parent.isNull()) {
            return null;
        }
        if (!parent.isTextual()) {
            throw new IllegalArgumentException("account " + account + ": \"parent\" must be an account id or null");
        }
        return id(parent.asText(), "the parent of account " + account);
    }

    private static String id(String text, String what) {
        if (text.isEmpty() || text.equals("*")) {
            throw new IllegalArgumentException(what + " must be a non-empty id other than '*'");
        }
        return text;
    }

    private static void onlyFields(JsonNode node, String where, String... allowed) {
        List<String> known = List.of(allowed);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String f = field.getKey();
            if (!known.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field '" + f + "'; known fields: "
                        + String.join(", ", known));
            }
        }
    }

    /** Every parent is listed and no walk up the tree comes back to where it started. */
    private static void checkParents(Map<String, String> parents) {
        Set<String> rooted = new HashSet<>();
        for (String start : parents.keySet()) {
            List<String> path = new ArrayList<>();
            Set<String> onPath = new HashSet<>();
            for (String a = start; a != null && !rooted.contains(a); a = parents.get(a)) {
                if (!parents.containsKey(a)) {
                    throw new IllegalArgumentException("account " + path.get(path.size() - 1) + " names parent "
                            + a + ", which is not listed in \"accounts\"");
                }
                if (!onPath.add(a)) {
                    List<String> loop = path.subList(path.indexOf(a), path.size());
                    throw new IllegalArgumentException("accounts form a loop: " + String.join(" -> ", loop)
                            + " -> " + a);
                }
                path.add(a);
            }
            rooted.addAll(path);
        }
    }
}
