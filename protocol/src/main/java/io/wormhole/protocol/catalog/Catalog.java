package io.wormhole.protocol.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import io.wormhole.protocol.binding.TopicPattern;

/**
 * The event families a gateway knows, keyed by the first word of a binding.
 *
 * <p>File format (JSON): {@code {"replace": false, "slots": {NAME: SLOT}, "families":
 * [FAMILY, ...]}}. A FAMILY is {@code {"name": "call", "exchange": "callevt", "slots":
 * {NAME: SLOT}, "shapes": [SHAPE, ...]}}; a SHAPE is {@code {"binding":
 * "call.{EVENT}.{CALL_ID}", "amqp": "call.{EVENT}.{CALL_ID}", "account": LOCATOR}}; a
 * SLOT is {@code {}} (any word), {@code {"values": [..]}}, {@code {"map": {word:
 * amqp-word}}} or {@code {"regex": ".."}}; a LOCATOR is {@code {"payload":
 * "Custom-Channel-Vars.Account-ID"}} or {@code {"routing_key_word": 3, "payload":
 * "Account-ID"}} (the payload field then being the fallback). Slots named in a family
 * override the top-level ones. Shapes are tried in order and the first that fits
 * wins. Immutable and thread-safe.
 */
public final class Catalog {
    private static final String DEFAULT_RESOURCE = "/io/wormhole/protocol/catalog/kazoo-catalog.json";
    private static final Pattern FAMILY_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Shape>> families; // file order
    private final boolean replace;

    private Catalog(Map<String, List<Shape>> families, boolean replace) {
        this.families = Collections.unmodifiableMap(families);
        this.replace = replace;
    }

    /** The built-in Kazoo catalogue (kazoo-events.md). */
    public static Catalog kazooDefault() {
        try (InputStream in = Catalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a catalogue document.
     *
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static Catalog load(InputStream json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("catalogue is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("catalogue must be a JSON object");
        }
        Map<String, Slot> shared = slots(root.get("slots"), "slots");
        JsonNode list = root.get("families");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("catalogue needs a non-empty list 'families'");
        }
        Map<String, List<Shape>> families = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode f = list.get(i);
            String where = "families[" + i + "]";
            String name = text(f, "name", where);
            if (!FAMILY_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ".name '" + name + "' must be one word of [A-Za-z0-9_-]");
            }
            if (families.containsKey(name)) {
                throw new IllegalArgumentException(where + ": family '" + name + "' is defined twice");
            }
            String exchange = text(f, "exchange", where);
            Map<String, Slot> slots = new LinkedHashMap<>(shared);
            slots.putAll(slots(f.get("slots"), where + ".slots"));
            JsonNode shapes = f.get("shapes");
            if (shapes == null || !shapes.isArray() || shapes.isEmpty()) {
                throw new IllegalArgumentException(where + " needs a non-empty list 'shapes'");
            }
            List<Shape> out = new ArrayList<>();
            for (int j = 0; j < shapes.size(); j++) {
                out.add(shape(name, exchange, shapes.get(j), slots, where + ".shapes[" + j + "]"));
            }
            families.put(name, List.copyOf(out));
        }
        JsonNode replace = root.get("replace");
        return new Catalog(families, replace != null && replace.asBoolean(false));
    }

    /**
     * This catalogue with an operator's: the operator's families replace same-named
     * ones and new ones are added after; an operator file with {@code "replace": true}
     * replaces this catalogue entirely.
     */
    public Catalog extendedWith(Catalog operator) {
        if (operator.replace) {
            return new Catalog(new LinkedHashMap<>(operator.families), false);
        }
        Map<String, List<Shape>> merged = new LinkedHashMap<>(families);
        merged.putAll(operator.families);
        return new Catalog(merged, false);
    }

    /** The names of the families, in catalogue order. */
    public Set<String> families() {
        return families.keySet();
    }

    /** Every exchange some family's events come from. */
    public Set<String> exchanges() {
        Set<String> out = new LinkedHashSet<>();
        for (List<Shape> shapes : families.values()) {
            for (Shape s : shapes) {
                out.add(s.exchange());
            }
        }
        return out;
    }

    /**
     * Validates a client binding and maps it to its AMQP side.
     *
     * @throws ProtocolException with code {@code invalid_binding} and one text naming
     *                           the binding and what is wrong
     */
    public ResolvedBinding resolve(String binding) {
        TopicPattern pattern = TopicPattern.parse(binding);
        List<String> words = pattern.words();
        List<Shape> shapes = families.get(words.get(0));
        if (shapes == null) {
            throw invalid("binding '" + binding + "': unknown family '" + words.get(0) + "'; known families: "
                    + String.join(", ", families.keySet()));
        }
        List<String> problems = new ArrayList<>();
        for (Shape s : shapes) {
            ResolvedBinding r = s.resolve(binding, words, problems);
            if (r != null) {
                return r;
            }
        }
        if (shapes.size() == 1) {
            throw invalid(problems.get(0));
        }
        List<String> templates = new ArrayList<>();
        for (Shape s : shapes) {
            templates.add(s.template());
        }
        throw invalid("binding '" + binding + "' fits none of the shapes of family '" + words.get(0) + "' ("
                + String.join(", ", templates) + "); first mismatch: "
                + problems.get(0).substring(problems.get(0).indexOf(':') + 2));
    }

    /**
     * The binding templates per family for {@code GET /v2/websockets}: enumerated slots
     * expanded into one template per value, other slots written {@code {NAME}}.
     */
    public Map<String, List<String>> templates() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Shape>> f : families.entrySet()) {
            Set<String> list = new LinkedHashSet<>();
            for (Shape s : f.getValue()) {
                expand(s, 0, new ArrayList<>(), list);
            }
            out.put(f.getKey(), List.copyOf(list));
        }
        return out;
    }

    private static void expand(Shape s, int i, List<String> prefix, Set<String> out) {
        List<String> words = s.bindingWords();
        if (i == words.size()) {
            out.add(String.join(".", prefix));
            return;
        }
        String name = Shape.slotName(words.get(i));
        Map<String, String> values = name == null ? null : s.slot(name).enumerated();
        if (values == null) {
            prefix.add(words.get(i));
            expand(s, i + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
            return;
        }
        for (String v : values.keySet()) {
            prefix.add(v);
            expand(s, i + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    private static Shape shape(String family, String exchange, JsonNode node, Map<String, Slot> slots, String where) {
        String binding = text(node, "binding", where);
        String amqp = text(node, "amqp", where);
        String[] words = binding.split("\\.", -1);
        if (!words[0].equals(family)) {
            throw new IllegalArgumentException(where + ".binding '" + binding + "' must start with the family name '"
                    + family + "'");
        }
        Map<String, Slot> used = new LinkedHashMap<>();
        for (String w : words) {
            String name = Shape.slotName(w);
            if (name != null) {
                Slot slot = slots.get(name);
                if (slot == null) {
                    throw new IllegalArgumentException(where + ".binding uses slot {" + name + "}, which is not defined");
                }
                used.put(name, slot);
            } else if (w.isEmpty()) {
                throw new IllegalArgumentException(where + ".binding '" + binding + "' has an empty segment");
            }
        }
        for (String w : amqp.split("\\.", -1)) {
            String name = Shape.slotName(w);
            if (name != null && !used.containsKey(name)) {
                throw new IllegalArgumentException(where + ".amqp uses slot {" + name
                        + "}, which the binding template does not have");
            }
            if (name == null && (w.isEmpty() || w.contains("{") || w.contains("}"))) {
                throw new IllegalArgumentException(where + ".amqp '" + amqp + "': a word is either a literal or a whole {SLOT}");
            }
        }
        return new Shape(family, exchange, binding, amqp, used, locator(node.get("account"), where + ".account"));
    }

    private static AccountLocator locator(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + " is required: {\"payload\": \"Path.To.Field\"} or "
                    + "{\"routing_key_word\": N, \"payload\": \"Fallback.Field\"}");
        }
        JsonNode payload = node.get("payload");
        List<String> path = payload == null ? List.of() : List.of(payload.asText().split("\\."));
        JsonNode word = node.get("routing_key_word");
        if (word != null) {
            if (!word.canConvertToInt() || word.asInt() < 1) {
                throw new IllegalArgumentException(where + ".routing_key_word must be a position >= 1");
            }
            return new AccountLocator.RoutingKeyWord(word.asInt(), path);
        }
        if (path.isEmpty() || path.get(0).isEmpty()) {
            throw new IllegalArgumentException(where + " needs 'payload' or 'routing_key_word'");
        }
        return new AccountLocator.PayloadField(path);
    }

    private static Map<String, Slot> slots(JsonNode node, String where) {
        Map<String, Slot> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode def = e.getValue();
            String at = where + "." + name;
            if (!def.isObject()) {
                throw new IllegalArgumentException(at + " must be an object");
            }
            if (def.has("values")) {
                List<String> values = new ArrayList<>();
                for (JsonNode v : def.get("values")) {
                    values.add(v.asText());
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(at + ".values must list at least one word");
                }
                out.put(name, Slot.ofValues(name, values));
            } else if (def.has("map")) {
                Map<String, String> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> m = def.get("map").fields(); m.hasNext();) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    map.put(kv.getKey(), kv.getValue().asText());
                }
                if (map.isEmpty()) {
                    throw new IllegalArgumentException(at + ".map must map at least one word");
                }
                out.put(name, Slot.ofMap(name, map));
            } else if (def.has("regex")) {
                try {
                    out.put(name, Slot.ofRegex(name, def.get("regex").asText()));
                } catch (PatternSyntaxException ex) {
                    throw new IllegalArgumentException(at + ".regex is not a valid regular expression: "
                            + ex.getDescription());
                }
            } else {
                out.put(name, Slot.any(name));
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(where + "." + field + " must be a non-empty string");
        }
        return v.asText();
    }

    private static ProtocolException invalid(String text) {
        return new ProtocolException(ErrorCode.INVALID_BINDING, text);
    }
}
