package io.wormhole.gateway.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wormhole.gateway.routing.RouteResult.Outcome;
import io.wormhole.protocol.catalog.AccountLocator;
import io.wormhole.protocol.catalog.Catalog;
import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.message.Event;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.PayloadForm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Hub with the default catalogue's bindings on Kazoo's routing keys: a listed
 * wildcard reaches only the listed events, a Binding of several AMQP patterns gives one
 * frame per Subscription, documents belong to the database they changed in, and an Event
 * whose account reads {@code *} reaches a {@code *} subscriber once.
 */
class HubKazooTest {

    static final String ACC_A = "4b31dd1d32ce6d249897c06332375d65";
    static final String DB_A = "account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65";
    static final Catalog KAZOO = Catalog.kazooDefault();

    private final MessageCodec codec = new MessageCodec();
    private final Hub hub = new Hub(codec, PayloadForm.RAW);

    @Test
    void route_dtmfOnCallWildcard_isNotDelivered() {
        FakeRecipient session = new FakeRecipient();
        hub.add(session, ACC_A, KAZOO.resolve("call.*.*"));
        hub.add(session, Hub.ANY_ACCOUNT, KAZOO.resolve("call.#"));

        RouteResult dtmf = hub.route("callevt", "call.DTMF.abc", callEvent("DTMF"));
        RouteResult execute = hub.route("callevt", "call.CHANNEL_EXECUTE_COMPLETE.abc",
                callEvent("CHANNEL_EXECUTE_COMPLETE"));
        RouteResult create = hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE"));

        assertThat(dtmf).isEqualTo(new RouteResult(0, Outcome.NO_MATCH));
        assertThat(execute).isEqualTo(new RouteResult(0, Outcome.NO_MATCH));
        assertThat(create).isEqualTo(new RouteResult(2, Outcome.DELIVERED));
        assertThat(session.events(codec)).extracting(Event::subscriptionKey)
                .containsExactlyInAnyOrder("call." + ACC_A + ".*.*", "call.*.#");
    }

    @Test
    void route_eventMatchingTwoPatternsOfOneBinding_oneFramePerSubscription() {
        ResolvedBinding overlapping = new ResolvedBinding("x.*", "x", "ex", List.of("a.#", "#.b", "a.b"),
                new AccountLocator.PayloadField(List.of("Account-ID")));
        FakeRecipient session = new FakeRecipient();
        FakeRecipient admin = new FakeRecipient();
        hub.add(session, ACC_A, overlapping);
        hub.add(admin, Hub.ANY_ACCOUNT, overlapping);

        RouteResult result = hub.route("ex", "a.b", json("{\"Account-ID\":\"" + ACC_A + "\"}"));

        assertThat(result).isEqualTo(new RouteResult(2, Outcome.DELIVERED));
        assertThat(session.frames).hasSize(1);
        assertThat(admin.frames).hasSize(1);
    }

    @Test
    void remove_lastSubscriptionOfAListedBinding_removesEveryPattern() {
        FakeRecipient session = new FakeRecipient();
        ResolvedBinding everyCall = KAZOO.resolve("call.*.*");
        hub.add(session, ACC_A, everyCall);
        hub.add(session, ACC_A, KAZOO.resolve("call.CHANNEL_CREATE.*"));
        assertThat(hub.patternCount()).isEqualTo(9);

        hub.remove(session, ACC_A, everyCall);
        assertThat(hub.patternCount()).isEqualTo(1);
        assertThat(hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE")).frames()).isEqualTo(1);
        hub.remove(session, ACC_A, KAZOO.resolve("call.CHANNEL_CREATE.*"));

        assertThat(hub.isEmpty()).isTrue();
        assertThat(hub.route("callevt", "call.CHANNEL_CREATE.abc", callEvent("CHANNEL_CREATE")))
                .isEqualTo(RouteResult.NO_MATCH);
    }

    @Test
    void route_documentCopiedFromAggregateDatabase_reachesOnlyAnyAccountSubscribers() {
        FakeRecipient owner = new FakeRecipient();
        FakeRecipient admin = new FakeRecipient();
        hub.add(owner, ACC_A, KAZOO.resolve("object.doc_edited.device"));
        hub.add(admin, Hub.ANY_ACCOUNT, KAZOO.resolve("object.doc_edited.device"));

        hub.route("configuration", "doc_edited." + DB_A + ".device.d1", document());
        hub.route("configuration", "doc_edited.sip_auth.device.d1", document());

        assertThat(owner.events(codec)).extracting(Event::routingKey)
                .containsExactly("doc_edited." + DB_A + ".device.d1");
        assertThat(admin.events(codec)).extracting(Event::routingKey)
                .containsExactly("doc_edited." + DB_A + ".device.d1", "doc_edited.sip_auth.device.d1");
    }

    @Test
    void route_faxDocumentInAnyMonthlyDatabase_reachesTheAccountsFaxObjectSubscriber() {
        FakeRecipient owner = new FakeRecipient();
        hub.add(owner, ACC_A, KAZOO.resolve("fax.object.doc_created"));

        RouteResult modb = hub.route("configuration", "doc_created." + DB_A + "-201912.fax.f1", document());
        RouteResult aggregate = hub.route("configuration", "doc_created.faxes.fax.f1", document());

        assertThat(modb).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(aggregate).isEqualTo(RouteResult.NO_ACCOUNT);
    }

    @Test
    void route_faxStatusWithoutAccount_reachesAnyAccountSubscriberOnce() {
        FakeRecipient admin = new FakeRecipient();
        FakeRecipient owner = new FakeRecipient();
        hub.add(admin, Hub.ANY_ACCOUNT, KAZOO.resolve("fax.status.*"));
        hub.add(owner, ACC_A, KAZOO.resolve("fax.status.*"));

        RouteResult result = hub.route("faxes", "fax.status.*.job1", json("{\"Event-Name\":\"status\"}"));

        assertThat(result).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(admin.events(codec)).extracting(Event::subscriptionKey).containsExactly("fax.*.status.*");
        assertThat(owner.frames).isEmpty();
    }

    @Test
    void route_payloadAccountReadingStar_isNoAccount_anyAccountSubscriberGetsOneFrame() {
        ResolvedBinding byPayload = new ResolvedBinding("conference.command.c1", "conference", "conference",
                "conference.command.c1", new AccountLocator.PayloadField(List.of("Account-ID")));
        FakeRecipient admin = new FakeRecipient();
        hub.add(admin, Hub.ANY_ACCOUNT, byPayload);

        RouteResult result = hub.route("conference", "conference.command.c1", json("{\"Account-ID\":\"*\"}"));

        assertThat(result).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(admin.frames).hasSize(1);
    }

    private static byte[] callEvent(String name) {
        return json("{\"Event-Name\":\"" + name + "\",\"Custom-Channel-Vars\":{\"Account-ID\":\"" + ACC_A + "\"}}");
    }

    /** A document change whose payload names account A, as every copy of it does. */
    private static byte[] document() {
        return json("{\"Event-Name\":\"doc_edited\",\"Account-ID\":\"" + ACC_A + "\"}");
    }

    private static byte[] json(String text) {
        return text.getBytes(UTF_8);
    }
}
