package io.wormhole.protocol.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wormhole.protocol.catalog.AccountLocator.DatabaseWord;
import io.wormhole.protocol.catalog.AccountLocator.PayloadField;
import io.wormhole.protocol.catalog.AccountLocator.RoutingKeyWord;

/** Every family and shape of the default catalogue, and the '#' rule, as a table. */
class CatalogResolveTest {
    private static final Catalog KAZOO = Catalog.kazooDefault();
    private static final List<String> CALL_EVENTS = List.of("CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_DESTROY",
            "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_BRIDGE", "PARK_PARKED", "PARK_RETRIEVED", "PARK_ABANDONED");
    private static final List<String> DOC_ACTIONS = List.of("doc_created", "doc_edited", "doc_deleted");

    private static AccountLocator locator(String spec) {
        return switch (spec) {
            case "ccv" -> new PayloadField(List.of("Custom-Channel-Vars", "Account-ID"));
            case "acc" -> new PayloadField(List.of("Account-ID"));
            case "db2" -> new DatabaseWord(2);
            case "rk3" -> new RoutingKeyWord(3, List.of("Account-ID"));
            case "rk4" -> new RoutingKeyWord(4, List.of());
            default -> throw new IllegalArgumentException(spec);
        };
    }

    /**
     * The AMQP patterns of the table: one, or "each X in pattern" for one pattern per
     * value of a listed slot, X being {@code EVENT} (the call events) or {@code ACTION}.
     */
    private static List<String> patterns(String spec) {
        if (!spec.startsWith("each ")) {
            return List.of(spec);
        }
        String[] parts = spec.split(" ");
        List<String> out = new ArrayList<>();
        for (String v : parts[1].equals("EVENT") ? CALL_EVENTS : DOC_ACTIONS) {
            out.add(parts[3].replace(parts[1], v));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
        // call: call.{EVENT}.{CALL_ID}; '*' and '#' over EVENT mean each catalogue event, never all of callevt
        "call.CHANNEL_CREATE.*                      | call        | callevt       | call.CHANNEL_CREATE.*                 | ccv",
        "call.CHANNEL_ANSWER.abc123                 | call        | callevt       | call.CHANNEL_ANSWER.abc123            | ccv",
        "call.PARK_ABANDONED.*                      | call        | callevt       | call.PARK_ABANDONED.*                 | ccv",
        "call.*.abc123                              | call        | callevt       | each EVENT in call.EVENT.abc123       | ccv",
        "call.*.*                                   | call        | callevt       | each EVENT in call.EVENT.*            | ccv",
        "call.#                                     | call        | callevt       | each EVENT in call.EVENT.#            | ccv",
        "call.CHANNEL_DESTROY.#                     | call        | callevt       | call.CHANNEL_DESTROY.#                | ccv",
        // documents: doc_created|doc_edited|doc_deleted.{DB}.{TYPE}.{ID}, the account from the database
        "doc_created.*.user.*                       | doc_created | configuration | doc_created.*.user.*                  | db2",
        "doc_edited.*.user.*                        | doc_edited  | configuration | doc_edited.*.user.*                   | db2",
        "doc_deleted.*.callflow.abc                 | doc_deleted | configuration | doc_deleted.*.callflow.abc            | db2",
        "doc_edited.*.my_own_type.*                 | doc_edited  | configuration | doc_edited.*.my_own_type.*            | db2",
        "doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65.user.u1"
                + "                                 | doc_edited  | configuration "
                + "| doc_edited.account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65.user.u1 | db2",
        "doc_edited.*.*.*                           | doc_edited  | configuration | doc_edited.*.*.*                      | db2",
        "doc_edited.#                               | doc_edited  | configuration | doc_edited.#                          | db2",
        "doc_deleted.*.user.#                       | doc_deleted | configuration | doc_deleted.*.user.#                  | db2",
        // object (Kazoo 4.3): object.{ACTION}.{TYPE} -> {ACTION}.*.{TYPE}.*
        "object.doc_created.user                    | object      | configuration | doc_created.*.user.*                  | db2",
        "object.doc_edited.device                   | object      | configuration | doc_edited.*.device.*                 | db2",
        "object.doc_deleted.vmbox                   | object      | configuration | doc_deleted.*.vmbox.*                 | db2",
        "object.doc_edited.my_own_type              | object      | configuration | doc_edited.*.my_own_type.*            | db2",
        "object.*.user                              | object      | configuration | each ACTION in ACTION.*.user.*        | db2",
        "object.doc_edited.*                        | object      | configuration | doc_edited.*.*.*                      | db2",
        "object.*.*                                 | object      | configuration | each ACTION in ACTION.*.*.*           | db2",
        "object.doc_edited.#                        | object      | configuration | doc_edited.*.#                        | db2",
        "object.#                                   | object      | configuration | each ACTION in ACTION.*.#             | db2",
        // fax: status on faxes, fax documents (in the account's monthly database) on configuration
        "fax.status.*                               | fax         | faxes         | fax.status.*.*                        | rk3",
        "fax.status.job-1                           | fax         | faxes         | fax.status.*.job-1                    | rk3",
        "fax.status.#                               | fax         | faxes         | fax.status.*.#                        | rk3",
        "fax.object.doc_created                     | fax         | configuration | doc_created.*.fax.*                   | db2",
        "fax.object.*                               | fax         | configuration | each ACTION in ACTION.*.fax.*         | db2",
        "fax.object.#                               | fax         | configuration | each ACTION in ACTION.*.fax.*         | db2",
        // conference, shapes in order
        "conference.event.*.conf1.*                 | conference  | conference    | conference.event.*.*.conf1.*          | rk4",
        "conference.event.*.conf1.call1             | conference  | conference    | conference.event.*.*.conf1.call1      | rk4",
        "conference.event.conf1.*                   | conference  | conference    | conference.event.*.*.conf1.*          | rk4",
        "conference.event.conf1.call1               | conference  | conference    | conference.event.*.*.conf1.call1      | rk4",
        "conference.event.conf1.*.lock              | conference  | conference    | conference.event.lock.*.conf1.*       | rk4",
        "conference.event.conf1.call1.add-member    | conference  | conference    | conference.event.add-member.*.conf1.call1 | rk4",
        "conference.event.conf1.call1.*             | conference  | conference    | conference.event.*.*.conf1.call1      | rk4",
        "conference.event.#                         | conference  | conference    | conference.event.*.*.#                | rk4",
        "conference.event.conf1.#                   | conference  | conference    | conference.event.*.*.conf1.#          | rk4",
        "conference.command.conf1                   | conference  | conference    | conference.command.conf1              | acc",
        "conference.command.#                       | conference  | conference    | conference.command.#                  | acc",
    })
    void resolve_defaultCatalogue_mapsBindingToAmqpSide(String binding, String family, String exchange,
            String amqpPatterns, String locator) {
        assertThat(KAZOO.resolve(binding)).usingRecursiveComparison().ignoringFields("sameAccount")
                .isEqualTo(new ResolvedBinding(binding, family, exchange, patterns(amqpPatterns), locator(locator)));
    }

    @Test
    void resolve_callWildcard_onePatternPerCatalogueEventInCatalogueOrder() {
        assertThat(KAZOO.resolve("call.*.*").amqpPatterns()).containsExactly("call.CHANNEL_CREATE.*",
                "call.CHANNEL_ANSWER.*", "call.CHANNEL_DESTROY.*", "call.CHANNEL_HOLD.*", "call.CHANNEL_UNHOLD.*",
                "call.CHANNEL_BRIDGE.*", "call.PARK_PARKED.*", "call.PARK_RETRIEVED.*", "call.PARK_ABANDONED.*");
    }

    @Test
    void resolvedBinding_duplicatePatterns_keptOnceInFirstOrder() {
        ResolvedBinding r = new ResolvedBinding("x.*", "x", "ex", List.of("a.b", "a.c", "a.b"), new DatabaseWord(2));
        assertThat(r.amqpPatterns()).containsExactly("a.b", "a.c");
    }

    static final SameAccount SAME_CALL = new SameAccount("call",
            List.of(new PayloadField(List.of("Call-ID")), new PayloadField(List.of("Other-Leg-Call-ID"))));
    static final SameAccount SAME_CONFERENCE_OF_EVENT = new SameAccount("conference",
            List.of(new RoutingKeyWord(5, List.of("Conference-ID"))));
    static final SameAccount SAME_CONFERENCE_OF_COMMAND = new SameAccount("conference",
            List.of(new RoutingKeyWord(3, List.of("Conference-ID"))));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "call.CHANNEL_CREATE.*            | call",
        "call.#                           | call",
        "conference.event.*.conf1.*       | conference event",
        "conference.event.conf1.*         | conference event",
        "conference.event.conf1.*.lock    | conference event",
        "conference.command.conf1         | conference command",
        "doc_edited.*.user.*              | none",
        "object.doc_edited.user           | none",
        "fax.status.*                     | none",
    })
    void resolve_defaultCatalogue_learnsCallAndConferenceAccountsFromTheirIds(String binding, String rule) {
        SameAccount expected = switch (rule) {
            case "call" -> SAME_CALL;
            case "conference event" -> SAME_CONFERENCE_OF_EVENT;
            case "conference command" -> SAME_CONFERENCE_OF_COMMAND;
            default -> null;
        };
        assertThat(KAZOO.resolve(binding).sameAccount()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "doc_edited.*.user.*   | acc                              | doc_edited.acc.*.user.*",
        "call.CHANNEL_CREATE.* | 4b31dd1d32ce6d249897c06332375d65 | call.4b31dd1d32ce6d249897c06332375d65.CHANNEL_CREATE.*",
        "call.#                | *                                | call.*.#",
        "fax.status.*          | acc                              | fax.acc.status.*",
    })
    void subscriptionKey_insertsAccountAfterFirstSegment(String binding, String account, String key) {
        assertThat(KAZOO.resolve(binding).subscriptionKey(account)).isEqualTo(key);
    }

    @Test
    void subscriptionKey_singleSegmentBinding_appendsAccount() {
        ResolvedBinding r = new ResolvedBinding("x", "x", "ex", "x", new PayloadField(List.of("Account-ID")));
        assertThat(r.subscriptionKey("acc")).isEqualTo("x.acc");
    }

    @Test
    void exchanges_listsEveryFamilyExchangeOnceInOrder() {
        assertThat(KAZOO.exchanges()).containsExactly("callevt", "configuration", "faxes", "conference");
    }

    @Test
    void families_inFileOrder() {
        assertThat(KAZOO.families()).containsExactly("call", "doc_created", "doc_edited", "doc_deleted", "object",
                "fax", "conference");
    }
}
