package io.wormhole.protocol.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.wormhole.protocol.ProtocolException;
import io.wormhole.protocol.catalog.AccountLocator.PayloadField;

/** Operator files: extending, replacing, and every way a file is refused. */
class CatalogLoadTest {

    /** JSON written with single quotes, for readability. */
    private static Catalog load(String singleQuoted) {
        return Catalog.load(new ByteArrayInputStream(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
    }

    private static final String OPERATOR = """
            {'slots': {'ID': {}},
             'families': [
              {'name': 'fax', 'exchange': 'faxes2',
               'shapes': [{'binding': 'fax.{ID}', 'amqp': 'fax.done.{ID}', 'account': {'payload': 'Account-ID'}}]},
              {'name': 'presence', 'exchange': 'presence',
               'slots': {'STATE': {'values': ['online', 'offline']}},
               'shapes': [{'binding': 'presence.{STATE}.{ID}', 'amqp': 'update.{STATE}.*.{ID}',
                           'account': {'routing_key_word': 3}}]}]}
            """;

    @Test
    void extendedWith_operatorFile_replacesSameNamedFamilyInPlaceAndAddsNewOnes() {
        Catalog merged = Catalog.kazooDefault().extendedWith(load(OPERATOR));

        assertThat(merged.families()).containsExactly("call", "doc_created", "doc_edited", "doc_deleted", "object",
                "fax", "conference", "presence");
        assertThat(merged.exchanges()).containsExactly("callevt", "configuration", "faxes2", "conference", "presence");
        assertThat(merged.resolve("fax.job1")).isEqualTo(new ResolvedBinding("fax.job1", "fax", "faxes2",
                "fax.done.job1", new PayloadField(List.of("Account-ID"))));
        assertThat(merged.resolve("presence.online.*").amqpPatterns()).containsExactly("update.online.*.*");
        assertThat(merged.resolve("presence.#").amqpPatterns()).containsExactly("update.#");
        assertThat(merged.resolve("call.CHANNEL_CREATE.*").exchange()).isEqualTo("callevt");
        assertThatThrownBy(() -> merged.resolve("fax.status.x")).isInstanceOf(ProtocolException.class);
        assertThat(merged.templates().get("presence")).containsExactly("presence.online.{ID}",
                "presence.offline.{ID}");
    }

    @Test
    void extendedWith_leavesBothCataloguesUnchanged() {
        Catalog kazoo = Catalog.kazooDefault();
        Catalog operator = load(OPERATOR);
        kazoo.extendedWith(operator);
        assertThat(kazoo.resolve("fax.status.x").exchange()).isEqualTo("faxes");
        assertThat(operator.families()).containsExactly("fax", "presence");
    }

    @Test
    void extendedWith_replaceTrue_replacesWholeCatalogue() {
        Catalog merged = Catalog.kazooDefault().extendedWith(load(OPERATOR.replace("{'slots'",
                "{'replace': true, 'slots'")));
        assertThat(merged.families()).containsExactly("fax", "presence");
        assertThat(merged.exchanges()).containsExactly("faxes2", "presence");
    }

    @Test
    void load_shapeWhoseCutSlotIsNotInAmqp_keepsTemplateWhole() {
        Catalog c = load("""
                {'families': [{'name': 'x', 'exchange': 'e', 'slots': {'A': {}, 'B': {}},
                  'shapes': [{'binding': 'x.{A}.{B}', 'amqp': 'y.{A}', 'account': {'payload': 'P'}}]}]}""");
        assertThat(c.resolve("x.a.#").amqpPatterns()).containsExactly("y.a");
        assertThat(c.resolve("x.#").amqpPatterns()).containsExactly("y.#");
    }

    private static final String SHAPE = "{'binding': 'x.{A}', 'amqp': 'x.{A}', 'account': {'payload': 'Account-ID'}}";

    private static final String FAMILY_X = "{'name': 'x', 'exchange': 'e', 'slots': {'A': {}}, 'shapes': ["
            + SHAPE + "]}";

    private static String family(String shape) {
        return "{'families': [{'name': 'x', 'exchange': 'e', 'slots': {'A': {}}, 'shapes': [" + shape + "]}]}";
    }

    private static String slot(String def) {
        return "{'families': [{'name': 'x', 'exchange': 'e', 'slots': {'A': " + def + "}, 'shapes': [" + SHAPE
                + "]}]}";
    }

    private static final String SLOT_KINDS = "must be {} (any word), {\"values\": [..]}, {\"map\": {..}},"
            + " {\"regex\": \"..\"} or {\"values\": [..], \"regex\": \"..\"}, with {\"wildcard\": \"listed\"}"
            + " optional beside values or map";
    private static final String TEN = "['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']";

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("not JSON", "{'families': [", "catalogue is not valid JSON: Unexpected end-of-input:"
                        + " expected close marker for Array"),
                Arguments.of("trailing garbage", family(SHAPE) + " x", "catalogue is not valid JSON: Unrecognized"
                        + " token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                        + " 'false')"),
                Arguments.of("empty", "", "catalogue must be a JSON object"),
                Arguments.of("array", "[]", "catalogue must be a JSON object"),
                Arguments.of("duplicate key", "{'families': [], 'families': []}", "catalogue is not valid JSON:"
                        + " Duplicate field 'families'"),
                Arguments.of("unknown top-level field", "{'familes': []}", "catalogue: top level unknown field"
                        + " 'familes' (known: replace, slots, families)"),
                Arguments.of("replace not boolean", "{'replace': 'yes', 'families': []}",
                        "catalogue: replace must be true or false"),
                Arguments.of("no families", "{}", "catalogue: families must be a non-empty list"),
                Arguments.of("empty families", "{'families': []}", "catalogue: families must be a non-empty list"),
                Arguments.of("family not object", "{'families': [1]}", "catalogue: families[0] must be an object"),
                Arguments.of("no name", "{'families': [{'exchange': 'e'}]}",
                        "catalogue: families[0].name must be a non-empty string"),
                Arguments.of("name not a word", "{'families': [{'name': 'a.b'}]}",
                        "catalogue: families[0].name 'a.b' must be one word of [A-Za-z0-9_-]"),
                Arguments.of("no exchange", "{'families': [{'name': 'x', 'shapes': []}]}",
                        "catalogue: families[0] 'x'.exchange must be a non-empty string"),
                Arguments.of("no shapes", "{'families': [{'name': 'x', 'exchange': 'e', 'shapes': []}]}",
                        "catalogue: families[0] 'x'.shapes must be a non-empty list"),
                Arguments.of("family twice", "{'families': [" + FAMILY_X + ", " + FAMILY_X + "]}",
                        "catalogue: families[1] 'x' family defined twice"),
                Arguments.of("binding of another family", family("{'binding': 'y.{A}', 'amqp': 'y', 'account': "
                        + "{'payload': 'P'}}"), "catalogue: families[0] 'x'.shapes[0].binding must start with the"
                        + " family name 'x'"),
                Arguments.of("undefined slot", family("{'binding': 'x.{B}', 'amqp': 'x', 'account': {'payload': 'P'}}"),
                        "catalogue: families[0] 'x'.shapes[0].binding uses slot {B}, which is not defined"),
                Arguments.of("slot twice", family("{'binding': 'x.{A}.{A}', 'amqp': 'x', 'account': {'payload': 'P'}}"),
                        "catalogue: families[0] 'x'.shapes[0].binding uses slot {A} twice"),
                Arguments.of("empty binding word", family("{'binding': 'x..{A}', 'amqp': 'x', 'account': "
                        + "{'payload': 'P'}}"), "catalogue: families[0] 'x'.shapes[0].binding word '' must be a"
                        + " literal word or '*' or a whole {SLOT}"),
                Arguments.of("'#' in binding template", family("{'binding': 'x.#', 'amqp': 'x', 'account': "
                        + "{'payload': 'P'}}"), "catalogue: families[0] 'x'.shapes[0].binding word '#' must be a"
                        + " literal word or '*' or a whole {SLOT}"),
                Arguments.of("amqp slot not in binding", family("{'binding': 'x.{A}', 'amqp': 'x.{B}', 'account': "
                        + "{'payload': 'P'}}"), "catalogue: families[0] 'x'.shapes[0].amqp uses slot {B}, which the"
                        + " binding template does not have"),
                Arguments.of("amqp word half slot", family("{'binding': 'x.{A}', 'amqp': 'x.a{A}', 'account': "
                        + "{'payload': 'P'}}"), "catalogue: families[0] 'x'.shapes[0].amqp word 'a{A}' must be a"
                        + " literal word, '*', '#' or a whole {SLOT}"),
                Arguments.of("unknown shape field", family("{'binding': 'x.{A}', 'amqp': 'x', 'acount': {}}"),
                        "catalogue: families[0] 'x'.shapes[0] unknown field 'acount' (known: binding, amqp, exchange, account,"
                        + " advertised, same_account)"),
                Arguments.of("same_account not object", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'payload': 'P'}, 'same_account': 'call'}"), "catalogue: families[0]"
                        + " 'x'.shapes[0].same_account must be {\"scope\": \"name\", \"ids\":"),
                Arguments.of("same_account without scope", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'payload': 'P'}, 'same_account': {'ids': [{'payload': 'Call-ID'}]}}"),
                        "catalogue: families[0] 'x'.shapes[0].same_account.scope must be a non-empty string"),
                Arguments.of("same_account scope not a word", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'payload': 'P'}, 'same_account': {'scope': 'a b', 'ids': [{'payload': 'C'}]}}"),
                        "catalogue: families[0] 'x'.shapes[0].same_account.scope 'a b' must be one word"),
                Arguments.of("same_account without ids", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'payload': 'P'}, 'same_account': {'scope': 'call', 'ids': []}}"),
                        "catalogue: families[0] 'x'.shapes[0].same_account.ids must be a non-empty list"),
                Arguments.of("same_account bad id", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'payload': 'P'}, 'same_account': {'scope': 'call', 'ids': [{'payload': 'A..B'}]}}"),
                        "catalogue: families[0] 'x'.shapes[0].same_account.ids[0].payload 'A..B' has an empty part"),
                Arguments.of("no account", family("{'binding': 'x.{A}', 'amqp': 'x'}"), "catalogue: families[0]"
                        + " 'x'.shapes[0].account is required: {\"payload\": \"Path.To.Field\"},"
                        + " {\"routing_key_word\": N, \"payload\": \"Fallback.Field\"} or {\"database_word\": N}"),
                Arguments.of("empty account", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': {}}"),
                        "catalogue: families[0] 'x'.shapes[0].account needs 'payload', 'routing_key_word' or 'database_word'"),
                Arguments.of("word position 0", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'routing_key_word': 0}}"), "catalogue: families[0] 'x'.shapes[0].account.routing_key_word"
                        + " must be a whole number >= 1"),
                Arguments.of("payload path with empty part", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'payload': 'A..B'}}"), "catalogue: families[0] 'x'.shapes[0].account.payload 'A..B' has"
                        + " an empty part"),
                Arguments.of("slot not object", slot("[]"), "catalogue: families[0] 'x'.slots.A " + SLOT_KINDS),
                Arguments.of("map with regex", slot("{'map': {'a': 'b'}, 'regex': 'a'}"), "catalogue: families[0]"
                        + " 'x'.slots.A " + SLOT_KINDS),
                Arguments.of("map with values", slot("{'map': {'a': 'b'}, 'values': ['a']}"), "catalogue:"
                        + " families[0] 'x'.slots.A " + SLOT_KINDS),
                Arguments.of("unknown slot kind", slot("{'value': ['a']}"), "catalogue: families[0] 'x'.slots.A"
                        + " unknown field 'value' (known: values, map, regex, wildcard)"),
                Arguments.of("listed without a list", slot("{'regex': 'a', 'wildcard': 'listed'}"), "catalogue:"
                        + " families[0] 'x'.slots.A.wildcard 'listed' needs 'values' or 'map' to list"),
                Arguments.of("unknown wildcard", slot("{'values': ['a'], 'wildcard': 'all'}"), "catalogue:"
                        + " families[0] 'x'.slots.A.wildcard must be \"listed\" (a '*' means each listed value)"
                        + " or \"any\" (the default)"),
                Arguments.of("database word with payload", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'database_word': 2, 'payload': 'P'}}"), "catalogue: families[0] 'x'.shapes[0].account"
                        + " 'database_word' stands alone: the database decides the account"),
                Arguments.of("database word 0", family("{'binding': 'x.{A}', 'amqp': 'x', 'account': "
                        + "{'database_word': 0}}"), "catalogue: families[0] 'x'.shapes[0].account.database_word"
                        + " must be a whole number >= 1"),
                Arguments.of("advertised not a list of texts", family("{'binding': 'x.{A}', 'amqp': 'x',"
                        + " 'advertised': [1], 'account': {'payload': 'P'}}"), "catalogue: families[0]"
                        + " 'x'.shapes[0].advertised must be true, false or a non-empty list of template texts"),
                Arguments.of("shape exchange empty", family("{'binding': 'x.{A}', 'amqp': 'x', 'exchange': '',"
                        + " 'account': {'payload': 'P'}}"), "catalogue: families[0] 'x'.shapes[0].exchange must be"
                        + " a non-empty string"),
                Arguments.of("too many patterns", "{'slots': {'A': {'values': " + TEN + ", 'wildcard': 'listed'},"
                        + " 'B': {'values': " + TEN + ", 'wildcard': 'listed'}}, 'families': [{'name': 'x',"
                        + " 'exchange': 'e', 'shapes': [{'binding': 'x.{A}.{B}', 'amqp': 'x.{A}.{B}',"
                        + " 'account': {'payload': 'P'}}]}]}", "catalogue: families[0] 'x'.shapes[0].amqp needs up"
                        + " to 100 AMQP patterns for one binding (listed slots multiply); at most 64"),
                Arguments.of("empty values", slot("{'values': []}"), "catalogue: families[0] 'x'.slots.A.values"
                        + " must be a non-empty list of words"),
                Arguments.of("value not a word", slot("{'values': ['a.b']}"), "catalogue: families[0]"
                        + " 'x'.slots.A.values 'a.b' is not a word (a non-empty string without '.', '*' or '#')"),
                Arguments.of("value not a string", slot("{'values': [1]}"), "catalogue: families[0]"
                        + " 'x'.slots.A.values 1 is not a word (a non-empty string without '.', '*' or '#')"),
                Arguments.of("map to a non-word", slot("{'map': {'a': '*'}}"), "catalogue: families[0]"
                        + " 'x'.slots.A.map.a '*' is not a word (a non-empty string without '.', '*' or '#')"),
                Arguments.of("bad regex", slot("{'regex': '[a-z'}"), "catalogue: families[0] 'x'.slots.A.regex is"
                        + " not a valid regular expression: Unclosed character class"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void load_badFile_rejectedWithClearMessage(String what, String json, String message) {
        assertThatThrownBy(() -> load(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void load_sameAccount_readsScopeAndIdsInOrder() {
        Catalog c = load("""
                {'families': [{'name': 'x', 'exchange': 'e', 'slots': {'A': {}},
                  'shapes': [{'binding': 'x.{A}', 'amqp': 'x.{A}', 'account': {'payload': 'Account-ID'},
                    'same_account': {'scope': 'leg', 'ids': [{'payload': 'Own.ID'}, {'routing_key_word': 2}]}}]}]}""");
        assertThat(c.resolve("x.a").sameAccount()).isEqualTo(new SameAccount("leg", List.of(
                new PayloadField(List.of("Own", "ID")), new AccountLocator.RoutingKeyWord(2, List.of()))));
    }

    @Test
    void load_jsonError_namesLineAndColumn() {
        assertThatThrownBy(() -> load("{\n'families': [,]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(line 2, column");
    }
}
