package io.wormhole.protocol.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a catalogue document (format in {@link Catalog}) strictly: unknown fields,
 * duplicate keys, undefined slots and malformed words are errors, each naming where it
 * is ({@code families[5] 'fax'.shapes[0].amqp}), so that an operator's typo fails at
 * start-up instead of silently matching nothing. Stateless; safe from any thread.
 */
final class CatalogReader {
    private static final ObjectMapper JSON = JsonMapper.builder(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** Most AMQP patterns one client binding may need (listed slots multiply). */
    static final int MAX_PATTERNS = 64;

    private CatalogReader() {
    }

    /** The families in file order, and whether the file replaces the catalogue it extends. */
    record Contents(Map<String, List<Shape>> families, boolean replace) {
    }

    static Contents read(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("catalogue is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("catalogue must be a JSON object");
        }
        fields(root, "top level", "replace", "slots", "families");
        JsonNode replace = root.get("replace");
        if (replace != null && !replace.isBoolean()) {
            throw bad("replace", "must be true or false");
        }
        Map<String, Slot> shared = slots(root.get("slots"), "slots");
        JsonNode list = root.get("families");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw bad("families", "must be a non-empty list");
        }
        Map<String, List<Shape>> families = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode f = list.get(i);
            String where = "families[" + i + "]";
            if (!f.isObject()) {
                throw bad(where, "must be an object");
            }
            fields(f, where, "name", "exchange", "slots", "shapes");
            String name = text(f, "name", where);
            if (!NAME.matcher(name).matches()) {
                throw bad(where + ".name", "'" + name + "' must be one word of [A-Za-z0-9_-]");
            }
            where += " '" + name + "'";
            if (families.containsKey(name)) {
                throw bad(where, "family defined twice");
            }
            String exchange = text(f, "exchange", where);
            Map<String, Slot> slots = new LinkedHashMap<>(shared);
            slots.putAll(slots(f.get("slots"), where + ".slots"));
            JsonNode shapes = f.get("shapes");
            if (shapes == null || !shapes.isArray() || shapes.isEmpty()) {
                throw bad(where + ".shapes", "must be a non-empty list");
            }
            List<Shape> out = new ArrayList<>();
            for (int j = 0; j < shapes.size(); j++) {
                out.add(shape(name, exchange, shapes.get(j), slots, where + ".shapes[" + j + "]"));
            }
            families.put(name, List.copyOf(out));
        }
        return new Contents(families, replace != null && replace.booleanValue());
    }

    private static Shape shape(String family, String exchange, JsonNode node, Map<String, Slot> slots,
            String where) {
        if (!node.isObject()) {
            throw bad(where, "must be an object");
        }
        fields(node, where, "binding", "amqp", "exchange", "account", "advertised",
                "same_account");
        if (node.has("exchange")) {
            exchange = text(node, "exchange", where);
        }
        List<String> advertised = advertised(node.get("advertised"), where + ".advertised");
        List<String> binding = Arrays.asList(text(node, "binding", where).split("\\.", -1));
        List<String> amqp = Arrays.asList(text(node, "amqp", where).split("\\.", -1));
        if (!binding.get(0).equals(family)) {
            throw bad(where + ".binding", "must start with the family name '" + family + "'");
        }
        Map<String, Slot> used = new LinkedHashMap<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < binding.size(); i++) {
            String name = Shape.slotName(binding.get(i));
            if (name == null) {
                literal(binding.get(i), where + ".binding", false);
            } else if (!slots.containsKey(name)) {
                throw bad(where + ".binding", "uses slot {" + name + "}, which is not defined");
            } else if (used.put(name, slots.get(name)) != null) {
                throw bad(where + ".binding", "uses slot {" + name + "} twice");
            } else {
                position.put(name, i);
            }
        }
        for (String w : amqp) {
            String name = Shape.slotName(w);
            if (name == null) {
                literal(w, where + ".amqp", true);
            } else if (!used.containsKey(name)) {
                throw bad(where + ".amqp", "uses slot {" + name + "}, which the binding template does not have");
            }
        }
        AccountLocator locator = locator(node.get("account"), where + ".account");
        JsonNode same = node.get("same_account");
        SameAccount sameAccount = same == null ? null : sameAccount(same, where + ".same_account");
        Shape shape = new Shape(family, exchange, binding, amqp, used, position, locator, advertised,
                sameAccount);
        if (shape.maxPatterns() > MAX_PATTERNS) {
            throw bad(where + ".amqp", "needs up to " + shape.maxPatterns() + " AMQP patterns for one binding"
                    + " (listed slots multiply); at most " + MAX_PATTERNS);
        }
        return shape;
    }

    /**
     * What the templates list for a shape: null (generated, the default or {@code true}),
     * nothing ({@code false}) or these texts (a list of strings, written as Kazoo lists them).
     */
    private static List<String> advertised(JsonNode node, String where) {
        if (node == null || node.isBoolean() && node.booleanValue()) {
            return null;
        }
        if (node.isBoolean()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw bad(where, "must be true, false or a non-empty list of template texts");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : node) {
            if (!t.isTextual() || t.textValue().isEmpty()) {
                throw bad(where, "must be true, false or a non-empty list of template texts");
            }
            out.add(t.textValue());
        }
        return out;
    }

    /** A literal template word: not empty, no braces, wildcards only as whole words ('#' in AMQP only). */
    private static void literal(String w, String where, boolean amqp) {
        boolean wildcard = w.equals("*") || (amqp && w.equals("#"));
        if (w.isEmpty() || w.contains("{") || w.contains("}")
                || (!wildcard && (w.contains("*") || w.contains("#")))) {
            throw bad(where, "word '" + w + "' must be a literal word"
                    + (amqp ? ", '*', '#'" : " or '*'") + " or a whole {SLOT}");
        }
    }

    private static AccountLocator locator(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw bad(where, "is required: {\"payload\": \"Path.To.Field\"}, "
                    + "{\"routing_key_word\": N, \"payload\": \"Fallback.Field\"} or {\"database_word\": N}");
        }
        fields(node, where, "payload", "routing_key_word", "database_word");
        JsonNode db = node.get("database_word");
        if (db != null) {
            if (node.size() > 1) {
                throw bad(where, "'database_word' stands alone: the database decides the account");
            }
            return new AccountLocator.DatabaseWord(position(db, where + ".database_word"));
        }
        List<String> path = node.has("payload") ? path(text(node, "payload", where), where + ".payload") : List.of();
        JsonNode word = node.get("routing_key_word");
        if (word != null) {
            return new AccountLocator.RoutingKeyWord(position(word, where + ".routing_key_word"), path);
        }
        if (path.isEmpty()) {
            throw bad(where, "needs 'payload', 'routing_key_word' or 'database_word'");
        }
        return new AccountLocator.PayloadField(path);
    }

    private static int position(JsonNode word, String where) {
        if (!word.isInt() || word.intValue() < 1) {
            throw bad(where, "must be a whole number >= 1");
        }
        return word.intValue();
    }

    /** {@code {"scope": "call", "ids": [locator, ...]}}, each id written as an account locator. */
    private static SameAccount sameAccount(JsonNode node, String where) {
        if (!node.isObject()) {
            throw bad(where, "must be {\"scope\": \"name\", \"ids\": [{\"payload\": \"Call-ID\"}, ...]}");
        }
        fields(node, where, "scope", "ids");
        String scope = text(node, "scope", where);
        if (!NAME.matcher(scope).matches()) {
            throw bad(where + ".scope", "'" + scope + "' must be one word of [A-Za-z0-9_-]");
        }
        JsonNode ids = node.get("ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw bad(where + ".ids", "must be a non-empty list of {\"payload\": ..} or {\"routing_key_word\": ..}");
        }
        List<AccountLocator> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(locator(ids.get(i), where + ".ids[" + i + "]"));
        }
        return new SameAccount(scope, out);
    }

    private static List<String> path(String dotted, String where) {
        List<String> path = Arrays.asList(dotted.split("\\.", -1));
        if (path.contains("")) {
            throw bad(where, "'" + dotted + "' has an empty part");
        }
        return path;
    }

    private static Map<String, Slot> slots(JsonNode node, String where) {
        Map<String, Slot> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw bad(where, "must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), slot(e.getKey(), e.getValue(), where + "." + e.getKey()));
        }
        return out;
    }

    private static Slot slot(String name, JsonNode def, String at) {
        if (!NAME.matcher(name).matches()) {
            throw bad(at, "slot names are words of [A-Za-z0-9_-]");
        }
        String kinds = "must be {} (any word), {\"values\": [..]}, {\"map\": {..}}, {\"regex\": \"..\"} or"
                + " {\"values\": [..], \"regex\": \"..\"}, with {\"wildcard\": \"listed\"} optional beside"
                + " values or map";
        if (!def.isObject()) {
            throw bad(at, kinds);
        }
        fields(def, at, "values", "map", "regex", "wildcard");
        boolean values = def.has("values");
        boolean map = def.has("map");
        boolean regex = def.has("regex");
        if (map && (values || regex)) {
            throw bad(at, kinds);
        }
        boolean listed = listed(def.get("wildcard"), at + ".wildcard");
        if (listed && !values && !map) {
            throw bad(at + ".wildcard", "'listed' needs 'values' or 'map' to list");
        }
        Pattern pattern = regex ? regex(text(def, "regex", at), at + ".regex") : null;
        if (values) {
            return Slot.ofValues(name, words(def.get("values"), at + ".values"), pattern, listed);
        }
        if (map) {
            return Slot.ofMap(name, map(def.get("map"), at + ".map"), listed);
        }
        return pattern != null ? Slot.ofRegex(name, pattern) : Slot.any(name);
    }

    private static boolean listed(JsonNode wildcard, String at) {
        if (wildcard == null) {
            return false;
        }
        if (!wildcard.isTextual() || !(wildcard.textValue().equals("listed") || wildcard.textValue().equals("any"))) {
            throw bad(at, "must be \"listed\" (a '*' means each listed value) or \"any\" (the default)");
        }
        return wildcard.textValue().equals("listed");
    }

    private static List<String> words(JsonNode values, String at) {
        if (!values.isArray() || values.isEmpty()) {
            throw bad(at, "must be a non-empty list of words");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode v : values) {
            list.add(word(v, at));
        }
        return list;
    }

    private static Map<String, String> map(JsonNode map, String at) {
        if (!map.isObject() || map.isEmpty()) {
            throw bad(at, "must be a non-empty object of binding word to AMQP word");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> kv = it.next();
            word(JSON.getNodeFactory().textNode(kv.getKey()), at);
            m.put(kv.getKey(), word(kv.getValue(), at + "." + kv.getKey()));
        }
        return m;
    }

    private static Pattern regex(String regex, String at) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException ex) {
            throw bad(at, "is not a valid regular expression: " + ex.getDescription());
        }
    }

    /** A concrete word: a non-empty string without '.', '*' or '#'. */
    private static String word(JsonNode v, String where) {
        String w = v.isTextual() ? v.textValue() : "";
        if (w.isEmpty() || w.contains(".") || w.contains("*") || w.contains("#")) {
            throw bad(where, (v.isTextual() ? "'" + w + "'" : v.toString())
                    + " is not a word (a non-empty string without '.', '*' or '#')");
        }
        return w;
    }

    private static void fields(JsonNode node, String where, String... known) {
        Set<String> allowed = Set.of(known);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw bad(where, "unknown field '" + f + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw bad(where + "." + field, "must be a non-empty string");
        }
        return v.textValue();
    }

    private static IllegalArgumentException bad(String where, String what) {
        return new IllegalArgumentException("catalogue: " + where + " " + what);
    }
}
