package io.wormhole.gateway.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wormhole.gateway.routing.RouteResult.Outcome;
import io.wormhole.protocol.catalog.AccountLocator;
import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.message.Event;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.KazooForm;
import io.wormhole.protocol.payload.PayloadForm;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Hub as the Sessions see it: publish an Event with routing key K in Account A, and
 * exactly the Subscriptions that match K in A (or in "*") receive exactly this frame.
 */
class HubTest {

    static final String ACC_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String ACC_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final AccountLocator CALL_ACCOUNT =
            new AccountLocator.PayloadField(List.of("Custom-Channel-Vars", "Account-ID"));

    static final ResolvedBinding CREATE_ANY_CALL = call("call.CHANNEL_CREATE.*", "call.CHANNEL_CREATE.*");
    static final ResolvedBinding ANY_EVENT_OF_CALL = call("call.*.abc", "call.*.abc");
    static final ResolvedBinding EVERY_CALL_EVENT = call("call.#", "call.#");
    static final ResolvedBinding FAX_STATUS = new ResolvedBinding("fax.status.*", "fax", "faxes",
            "fax.status.*.*", new AccountLocator.RoutingKeyWord(3, List.of("Account-ID")));
    /** Two client forms of one conference Binding: one AMQP pattern, two subscribed_keys. */
    static final ResolvedBinding CONFERENCE_MONSTER_UI_FORM = new ResolvedBinding("conference.event.*.c1.x",
            "conference", "conference", "conference.event.*.*.c1.x", new AccountLocator.RoutingKeyWord(4, List.of()));
    static final ResolvedBinding CONFERENCE_DOCUMENTED_FORM = new ResolvedBinding("conference.event.c1.x",
            "conference", "conference", "conference.event.*.*.c1.x", new AccountLocator.RoutingKeyWord(4, List.of()));

    private final MessageCodec codec = new MessageCodec();
    private final Hub hub = new Hub(codec, PayloadForm.RAW);

    @Test
    void route_subscriberInTheEventsAccount_receivesTheExactEventFrame() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CREATE_ANY_CALL);
        byte[] body = callEvent("CHANNEL_CREATE", ACC_A);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", body);

        assertThat(result).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(session.texts()).containsExactly("{\"action\":\"event\","
                + "\"subscribed_key\":\"call.CHANNEL_CREATE.*\","
                + "\"subscription_key\":\"call." + ACC_A + ".CHANNEL_CREATE.*\","
                + "\"name\":\"CHANNEL_CREATE\","
                + "\"routing_key\":\"call.CHANNEL_CREATE.abc\","
                + "\"data\":" + new String(body, UTF_8) + "}");
    }

    @Test
    void route_manyRecipientsOfOneBindingAndAccount_shareOneEncodedArray() {
        FakeRecipient[] sessions = {new FakeRecipient(), new FakeRecipient(), new FakeRecipient()};
        for (FakeRecipient s : sessions) {
            hub.add(s, ACC_A, CREATE_ANY_CALL);
        }

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A));

        assertThat(result).isEqualTo(new RouteResult(3, Outcome.DELIVERED));
        byte[] frame = sessions[0].frames.get(0);
        for (FakeRecipient s : sessions) {
            assertThat(s.frames).hasSize(1);
            assertThat(s.frames.get(0)).isSameAs(frame);
        }
    }

    @Test
    void route_eventOfAnotherAccount_reachesNoSubscriberOfThisAccount() {
        FakeRecipient inA = new FakeRecipient();
        FakeRecipient inB = new FakeRecipient();
        hub.add(inA, ACC_A, CREATE_ANY_CALL);
        hub.add(inB, ACC_B, CREATE_ANY_CALL);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_B));

        assertThat(result).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(inA.frames).isEmpty();
        assertThat(inB.events(codec)).extracting(Event::subscriptionKey)
                .containsExactly("call." + ACC_B + ".CHANNEL_CREATE.*");
    }

    @Test
    void route_matchingPatternButNobodyInTheEventsAccount_isNoMatch() {
        hub.add(new FakeRecipient(), ACC_A, CREATE_ANY_CALL);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_B));

        assertThat(result).isEqualTo(new RouteResult(0, Outcome.NO_MATCH));
    }

    @Test
    void route_anyAccountSubscriber_receivesEveryAccountWithStarInTheSubscriptionKey() {
        FakeRecipient admin = new FakeRecipient();
        hub.add(admin, Hub.ANY_ACCOUNT, CREATE_ANY_CALL);

        hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A));
        hub.route("callevt", "call.CHANNEL_CREATE.def", callEvent("CHANNEL_CREATE", ACC_B));

        assertThat(admin.events(codec)).extracting(Event::subscriptionKey)
                .containsExactly("call.*.CHANNEL_CREATE.*", "call.*.CHANNEL_CREATE.*");
    }

    @Test
    void route_eventWithoutAccount_reachesOnlyAnyAccountSubscribers() {
        FakeRecipient inA = new FakeRecipient();
        FakeRecipient admin = new FakeRecipient();
        hub.add(inA, ACC_A, CREATE_ANY_CALL);
        hub.add(admin, Hub.ANY_ACCOUNT, CREATE_ANY_CALL);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", json("{\"Event-Name\":\"CHANNEL_CREATE\"}"));

        assertThat(result).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(inA.frames).isEmpty();
        assertThat(admin.frames).hasSize(1);
    }

    @Test
    void route_eventWithoutAccountAndNoAnyAccountSubscriber_isNoAccount() {
        hub.add(new FakeRecipient(), ACC_A, CREATE_ANY_CALL);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", json("{\"Event-Name\":\"CHANNEL_CREATE\"}"));

        assertThat(result).isEqualTo(new RouteResult(0, Outcome.NO_ACCOUNT));
    }

    @Test
    void route_twoMatchingBindings_giveTwoFramesEachWithItsSubscribedKey() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CREATE_ANY_CALL);
        hub.add(session, ACC_A, EVERY_CALL_EVENT);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A));

        assertThat(result).isEqualTo(new RouteResult(2, Outcome.DELIVERED));
        assertThat(session.events(codec)).extracting(Event::subscribedKey)
                .containsExactlyInAnyOrder("call.CHANNEL_CREATE.*", "call.#");
    }

    @Test
    void route_twoBindingsSharingOneAmqpPattern_giveTwoFrames() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CONFERENCE_MONSTER_UI_FORM);
        hub.add(session, ACC_A, CONFERENCE_DOCUMENTED_FORM);

        RouteResult result = hub.route("conference", "conference.event.join." + ACC_A + ".c1.x", json("{}"));

        assertThat(hub.patternCount()).isEqualTo(1);
        assertThat(result).isEqualTo(new RouteResult(2, Outcome.DELIVERED));
        assertThat(session.events(codec)).extracting(Event::subscribedKey)
                .containsExactlyInAnyOrder("conference.event.*.c1.x", "conference.event.c1.x");
    }

    @Test
    void remove_oneOfTwoBindingsSharingAnAmqpPattern_keepsTheOther() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CONFERENCE_MONSTER_UI_FORM);
        hub.add(session, ACC_A, CONFERENCE_DOCUMENTED_FORM);

        hub.remove(session, ACC_A, CONFERENCE_MONSTER_UI_FORM);
        RouteResult result = hub.route("conference", "conference.event.join." + ACC_A + ".c1.x", json("{}"));

        assertThat(hub.patternCount()).isEqualTo(1);
        assertThat(result.frames()).isEqualTo(1);
        assertThat(session.events(codec)).extracting(Event::subscribedKey)
                .containsExactly("conference.event.c1.x");
    }

    @Test
    void route_sameBindingForTheAccountAndForAny_givesTwoFrames() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CREATE_ANY_CALL);
        hub.add(session, Hub.ANY_ACCOUNT, CREATE_ANY_CALL);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A));

        assertThat(result.frames()).isEqualTo(2);
        assertThat(session.events(codec)).extracting(Event::subscriptionKey)
                .containsExactly("call." + ACC_A + ".CHANNEL_CREATE.*", "call.*.CHANNEL_CREATE.*");
    }

    @Test
    void route_accountInARoutingKeyWord_isFoundThere() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, FAX_STATUS);

        RouteResult result = hub.route("faxes", "fax.status." + ACC_A + ".f1", json("{\"Event-Name\":\"status\"}"));

        assertThat(result.frames()).isEqualTo(1);
        assertThat(session.events(codec)).extracting(Event::subscriptionKey)
                .containsExactly("fax." + ACC_A + ".status.*");
    }

    @Test
    void route_sameRoutingKeyOnAnotherExchange_isNoMatch() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CREATE_ANY_CALL);

        RouteResult result = hub.route("configuration", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A));

        assertThat(result).isEqualTo(new RouteResult(0, Outcome.NO_MATCH));
        assertThat(session.frames).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "42", "\"text\"", "{\"unterminated\":"})
    void route_matchedBodyThatIsNotAJsonObject_isMalformedPayload(String body) {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, EVERY_CALL_EVENT);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", json(body));

        assertThat(result).isEqualTo(new RouteResult(0, Outcome.MALFORMED_PAYLOAD));
        assertThat(session.frames).isEmpty();
    }

    @Test
    void route_bodyNobodyWants_isNotParsedAndIsNoMatch() {
        hub.add(new FakeRecipient(), ACC_A, CREATE_ANY_CALL);

        RouteResult result = hub.route("callevt", "call.CHANNEL_DESTROY.abc", json("not json"));

        assertThat(result).isEqualTo(new RouteResult(0, Outcome.NO_MATCH));
    }

    @Test
    void route_eventWithoutEventName_omitsTheNameField() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, EVERY_CALL_EVENT);

        hub.route("callevt", "call.x.abc", json("{\"Custom-Channel-Vars\":{\"Account-ID\":\"" + ACC_A + "\"}}"));

        assertThat(session.texts()).singleElement().asString().doesNotContain("\"name\"");
    }

    @Test
    void route_kazooForm_carriesTheKazooFormOfThePayloadAsData() {
        Hub kazooHub = new Hub(codec, PayloadForm.KAZOO);
        FakeRecipient session = new FakeRecipient();
        kazooHub.add(session, ACC_A, CREATE_ANY_CALL);
        byte[] body = callEvent("CHANNEL_CREATE", ACC_A);

        kazooHub.route("callevt", "call.CHANNEL_CREATE.abc", body);

        assertThat(session.events(codec)).singleElement()
                .satisfies(e -> assertThat(new String(e.data(), UTF_8))
                        .isEqualTo(new String(KazooForm.apply(body), UTF_8)));
    }

    @Test
    void add_sameSubscriptionTwice_deliversOnce() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CREATE_ANY_CALL);
        hub.add(session, ACC_A, CREATE_ANY_CALL);

        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A));

        assertThat(result.frames()).isEqualTo(1);
    }

    @Test
    void remove_theOnlySubscription_deliversNothingAndEmptiesTheHub() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CREATE_ANY_CALL);

        hub.remove(session, ACC_A, CREATE_ANY_CALL);
        RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A));

        assertThat(result).isEqualTo(new RouteResult(0, Outcome.NO_MATCH));
        assertThat(session.frames).isEmpty();
        assertThat(hub.isEmpty()).isTrue();
        assertThat(hub.patternCount()).isZero();
    }

    @Test
    void remove_oneRecipient_keepsTheOthersOfTheSameBindingAndAccount() {
        FakeRecipient leaving = new FakeRecipient();
        FakeRecipient staying = new FakeRecipient();
        hub.add(leaving, ACC_A, CREATE_ANY_CALL);
        hub.add(staying, ACC_A, CREATE_ANY_CALL);

        hub.remove(leaving, ACC_A, CREATE_ANY_CALL);
        hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A));

        assertThat(leaving.frames).isEmpty();
        assertThat(staying.frames).hasSize(1);
    }

    @Test
    void remove_subscriptionThatDoesNotExist_changesNothing() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, CREATE_ANY_CALL);

        hub.remove(session, ACC_B, CREATE_ANY_CALL);
        hub.remove(new FakeRecipient(), ACC_A, CREATE_ANY_CALL);
        hub.remove(session, ACC_A, ANY_EVENT_OF_CALL);
        hub.remove(session, ACC_A, FAX_STATUS);

        assertThat(hub.patternCount()).isEqualTo(1);
        assertThat(hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE", ACC_A)).frames())
                .isEqualTo(1);
    }

    @Test
    void patternCount_countsDistinctExchangeAndPatternPairs() {
        FakeRecipient session = new FakeRecipient();
        ResolvedBinding sameWordsOtherExchange = new ResolvedBinding("call.CHANNEL_CREATE.*", "other", "otherevt",
                "call.CHANNEL_CREATE.*", CALL_ACCOUNT);
        hub.add(session, ACC_A, CREATE_ANY_CALL);
        hub.add(session, ACC_B, CREATE_ANY_CALL);
        hub.add(session, ACC_A, ANY_EVENT_OF_CALL);
        hub.add(session, ACC_A, sameWordsOtherExchange);

        assertThat(hub.patternCount()).isEqualTo(3);
        assertThat(hub.isEmpty()).isFalse();
    }

    @Test
    void removeAll_afterAddingManySubscriptions_leavesAnEmptyHub() {
        FakeRecipient[] sessions = {new FakeRecipient(), new FakeRecipient()};
        ResolvedBinding[] bindings = {CREATE_ANY_CALL, ANY_EVENT_OF_CALL, EVERY_CALL_EVENT, FAX_STATUS};
        String[] accounts = {ACC_A, ACC_B, Hub.ANY_ACCOUNT};
        for (FakeRecipient s : sessions) {
            for (ResolvedBinding b : bindings) {
                for (String a : accounts) {
                    hub.add(s, a, b);
                }
            }
        }
        assertThat(hub.patternCount()).isEqualTo(4);

        for (ResolvedBinding b : bindings) {
            for (String a : accounts) {
                for (FakeRecipient s : sessions) {
                    hub.remove(s, a, b);
                }
            }
        }

        assertThat(hub.isEmpty()).isTrue();
        assertThat(hub.patternCount()).isZero();
        assertThat(hub.trie("callevt")).isNull();
    }

    static ResolvedBinding call(String binding, String amqpPattern) {
        return new ResolvedBinding(binding, "call", "callevt", amqpPattern, CALL_ACCOUNT);
    }

    static byte[] callEvent(String eventName, String account) {
        return json("{\"Event-Name\":\"" + eventName + "\",\"Call-ID\":\"abc\","
                + "\"Custom-Channel-Vars\":{\"Account-ID\":\"" + account + "\"}}");
    }

    static byte[] json(String text) {
        return text.getBytes(UTF_8);
    }
}
