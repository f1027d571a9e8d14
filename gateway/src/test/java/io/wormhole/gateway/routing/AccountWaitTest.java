package io.wormhole.gateway.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wormhole.gateway.routing.RouteResult.Outcome;
import io.wormhole.protocol.catalog.Catalog;
import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.message.Event;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.PayloadForm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Events that name no Account (an inbound call's first Event, a conference command), with
 * the built-in catalogue's {@code same_account} rules, on virtual time: held for the
 * Account's subscribers until a later Event of the same call or conference names it, "*"
 * subscribers served at once, every ending counted once.
 */
class AccountWaitTest {

    static final String ACC_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final Catalog KAZOO = Catalog.kazooDefault();
    static final ResolvedBinding EVERY_CALL_EVENT = KAZOO.resolve("call.*.*");
    static final ResolvedBinding CONFERENCE_EVENTS = KAZOO.resolve("conference.event.conf1.*");
    static final ResolvedBinding CONFERENCE_COMMANDS = KAZOO.resolve("conference.command.conf1");

    private final MessageCodec codec = new MessageCodec();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<RouteResult> later = new ArrayList<>();
    private final FakeRecipient inA = new FakeRecipient();
    private final FakeRecipient admin = new FakeRecipient();

    @AfterEach
    void stopTime() {
        time.dispose();
    }

    private Hub hub(int maxEvents, long maxBytes) {
        return new Hub(codec, PayloadForm.RAW, new AccountWait(Duration.ofSeconds(2), maxEvents, maxBytes, time),
                later::add);
    }

    private Hub hub() {
        return hub(100, 1 << 20);
    }

    @Test
    void route_inboundCreateWithoutAccount_isHeldThenDeliveredJustBeforeTheEventThatNamesIt() {
        Hub hub = hub();
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);
        hub.add(admin, Hub.ANY_ACCOUNT, EVERY_CALL_EVENT);

        RouteResult create = route(hub, call("CHANNEL_CREATE", "leg1", null, null));
        time.advanceTimeBy(Duration.ofMillis(1500));
        RouteResult answer = route(hub, call("CHANNEL_ANSWER", "leg1", ACC_A, null));

        assertThat(create).isEqualTo(new RouteResult(1, Outcome.HELD));
        assertThat(answer).isEqualTo(new RouteResult(2, Outcome.DELIVERED));
        assertThat(later).containsExactly(new RouteResult(1, Outcome.DELIVERED));
        assertThat(seen(inA)).containsExactly("call." + ACC_A + ".*.* call.CHANNEL_CREATE.leg1",
                "call." + ACC_A + ".*.* call.CHANNEL_ANSWER.leg1");
        assertThat(seen(admin)).containsExactly("call.*.*.* call.CHANNEL_CREATE.leg1",
                "call.*.*.* call.CHANNEL_ANSWER.leg1");
        assertThat(hub.heldEvents()).isZero();
    }

    @Test
    void route_accountLessEventsOfOneCall_waitTogetherAndKeepTheirOrder() {
        Hub hub = hub();
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);

        route(hub, call("CHANNEL_CREATE", "leg1", null, null));
        route(hub, call("CHANNEL_ANSWER", "leg1", null, null));
        route(hub, call("CHANNEL_BRIDGE", "leg1", ACC_A, null));

        assertThat(seen(inA)).extracting(s -> s.substring(s.indexOf(' ') + 1)).containsExactly(
                "call.CHANNEL_CREATE.leg1", "call.CHANNEL_ANSWER.leg1", "call.CHANNEL_BRIDGE.leg1");
        assertThat(later).containsExactly(new RouteResult(1, Outcome.DELIVERED), new RouteResult(1, Outcome.DELIVERED));
    }

    @Test
    void route_noAccountWithinTheWait_reachesAnyAccountOnlyAndIsCountedNoAccountOnce() {
        Hub hub = hub();
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);
        hub.add(admin, Hub.ANY_ACCOUNT, EVERY_CALL_EVENT);

        route(hub, call("CHANNEL_CREATE", "leg1", null, null));
        time.advanceTimeBy(Duration.ofMillis(1999));
        assertThat(later).isEmpty();
        time.advanceTimeBy(Duration.ofMillis(1));
        route(hub, call("CHANNEL_ANSWER", "leg1", ACC_A, null));
        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(later).containsExactly(RouteResult.NO_ACCOUNT);
        assertThat(seen(inA)).containsExactly("call." + ACC_A + ".*.* call.CHANNEL_ANSWER.leg1");
        assertThat(seen(admin)).hasSize(2);
        assertThat(hub.heldEvents()).isZero();
    }

    @Test
    void route_releasedEvent_isNotCountedAgainWhenItsWaitRunsOut() {
        Hub hub = hub();
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);

        route(hub, call("CHANNEL_CREATE", "leg1", null, null));
        route(hub, call("CHANNEL_ANSWER", "leg1", ACC_A, null));
        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(later).containsExactly(new RouteResult(1, Outcome.DELIVERED));
        assertThat(inA.frames).hasSize(2);
    }

    @Test
    void route_eventsOfOtherCalls_areNotHeldBehindAHeldOne() {
        Hub hub = hub();
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);

        RouteResult held = route(hub, call("CHANNEL_CREATE", "leg1", null, null));
        RouteResult other = route(hub, call("CHANNEL_CREATE", "leg2", ACC_A, null));

        assertThat(held).isEqualTo(new RouteResult(0, Outcome.HELD));
        assertThat(other).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(seen(inA)).containsExactly("call." + ACC_A + ".*.* call.CHANNEL_CREATE.leg2");
        assertThat(later).isEmpty();
    }

    @Test
    void route_otherLegNamesTheAccount_releasesTheHeldLegAndTeachesIt() {
        Hub hub = hub();
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);

        route(hub, call("CHANNEL_CREATE", "carrier-leg", null, null));
        route(hub, call("CHANNEL_CREATE", "device-leg", ACC_A, "carrier-leg"));
        RouteResult afterwards = route(hub, call("CHANNEL_DESTROY", "carrier-leg", null, null));

        assertThat(seen(inA)).extracting(s -> s.substring(s.indexOf(' ') + 1)).containsExactly(
                "call.CHANNEL_CREATE.carrier-leg", "call.CHANNEL_CREATE.device-leg", "call.CHANNEL_DESTROY.carrier-leg");
        assertThat(afterwards).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
    }

    @Test
    void route_conferenceCommand_takesTheAccountLearnedFromTheConferencesEvents() {
        Hub hub = hub();
        hub.add(inA, ACC_A, CONFERENCE_EVENTS);
        hub.add(inA, ACC_A, CONFERENCE_COMMANDS);

        route(hub, "conference", "conference.event.add-member." + ACC_A + ".conf1.call1", conferenceEvent());
        RouteResult command = route(hub, "conference", "conference.command.conf1", conferenceCommand());

        assertThat(command).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(seen(inA)).containsExactly(
                "conference." + ACC_A + ".event.conf1.* conference.event.add-member." + ACC_A + ".conf1.call1",
                "conference." + ACC_A + ".command.conf1 conference.command.conf1");
    }

    @Test
    void route_conferenceCommandBeforeAnyEvent_waitsForTheConferencesFirstEvent() {
        Hub hub = hub();
        hub.add(inA, ACC_A, CONFERENCE_EVENTS);
        hub.add(inA, ACC_A, CONFERENCE_COMMANDS);

        RouteResult command = route(hub, "conference", "conference.command.conf1", conferenceCommand());
        route(hub, "conference", "conference.event.conference-create." + ACC_A + ".conf1.call1", conferenceEvent());

        assertThat(command).isEqualTo(new RouteResult(0, Outcome.HELD));
        assertThat(seen(inA)).extracting(s -> s.substring(s.indexOf(' ') + 1)).containsExactly(
                "conference.command.conf1", "conference.event.conference-create." + ACC_A + ".conf1.call1");
    }

    @Test
    void route_moreHeldEventsThanTheCountBound_pushesOutTheOldestAsUnknownAndCountsIt() {
        Hub hub = hub(2, 1 << 20);
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);

        route(hub, call("CHANNEL_CREATE", "leg1", null, null));
        route(hub, call("CHANNEL_CREATE", "leg2", null, null));
        route(hub, call("CHANNEL_CREATE", "leg3", null, null));
        route(hub, call("CHANNEL_ANSWER", "leg1", ACC_A, null));
        route(hub, call("CHANNEL_ANSWER", "leg2", ACC_A, null));

        assertThat(later).containsExactly(RouteResult.HOLD_OVERFLOW, new RouteResult(1, Outcome.DELIVERED));
        assertThat(seen(inA)).extracting(s -> s.substring(s.indexOf(' ') + 1)).containsExactly(
                "call.CHANNEL_ANSWER.leg1", "call.CHANNEL_CREATE.leg2", "call.CHANNEL_ANSWER.leg2");
        assertThat(hub.heldEvents()).isEqualTo(1);
    }

    @Test
    void route_heldBytesOverTheBound_pushesOutTheOldestAsUnknownAndCountsIt() {
        byte[] first = call("CHANNEL_CREATE", "leg1", null, null);
        byte[] second = call("CHANNEL_CREATE", "leg2", null, null);
        Hub hub = hub(100, first.length + second.length - 1);
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);

        route(hub, first);
        route(hub, second);

        assertThat(later).containsExactly(RouteResult.HOLD_OVERFLOW);
        assertThat(hub.heldEvents()).isEqualTo(1);
        route(hub, call("CHANNEL_ANSWER", "leg2", ACC_A, null));
        assertThat(seen(inA)).extracting(s -> s.substring(s.indexOf(' ') + 1)).containsExactly(
                "call.CHANNEL_CREATE.leg2", "call.CHANNEL_ANSWER.leg2");
    }

    @Test
    void route_eventAloneOverTheByteBound_isNotHeld() {
        byte[] body = call("CHANNEL_CREATE", "leg1", null, null);
        Hub hub = hub(100, body.length - 1);
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);

        assertThat(route(hub, body)).isEqualTo(RouteResult.NO_ACCOUNT);
        assertThat(hub.heldEvents()).isZero();
    }

    @Test
    void route_subscriberLeavesWhileTheEventWaits_releaseFindsNobody() {
        Hub hub = hub();
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);
        FakeRecipient stays = new FakeRecipient();
        hub.add(stays, ACC_A, KAZOO.resolve("call.CHANNEL_ANSWER.*"));

        route(hub, call("CHANNEL_CREATE", "leg1", null, null));
        hub.remove(inA, ACC_A, EVERY_CALL_EVENT);
        route(hub, call("CHANNEL_ANSWER", "leg1", ACC_A, null));

        assertThat(inA.frames).isEmpty();
        assertThat(stays.frames).hasSize(1);
        assertThat(later).containsExactly(RouteResult.NO_MATCH);
    }

    @Test
    void route_onlyAnyAccountSubscribers_nothingIsHeld() {
        Hub hub = hub();
        hub.add(admin, Hub.ANY_ACCOUNT, EVERY_CALL_EVENT);

        assertThat(route(hub, call("CHANNEL_CREATE", "leg1", null, null))).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(hub.heldEvents()).isZero();
    }

    @Test
    void route_waitOff_nothingIsHeldButALearnedAccountIsStillUsed() {
        Hub hub = new Hub(codec, PayloadForm.RAW);
        hub.add(inA, ACC_A, EVERY_CALL_EVENT);

        RouteResult unknown = route(hub, call("CHANNEL_CREATE", "leg1", null, null));
        route(hub, call("CHANNEL_ANSWER", "leg1", ACC_A, null));
        RouteResult known = route(hub, call("CHANNEL_HOLD", "leg1", null, null));

        assertThat(unknown).isEqualTo(RouteResult.NO_ACCOUNT);
        assertThat(known).isEqualTo(new RouteResult(1, Outcome.DELIVERED));
        assertThat(seen(inA)).extracting(s -> s.substring(s.indexOf(' ') + 1)).containsExactly(
                "call.CHANNEL_ANSWER.leg1", "call.CHANNEL_HOLD.leg1");
    }

    private static RouteResult route(Hub hub, byte[] callEvent) {
        String text = new String(callEvent, UTF_8);
        String name = text.substring(text.indexOf(":\"") + 2, text.indexOf("\","));
        String callId = text.substring(text.indexOf("\"Call-ID\":\"") + 11);
        callId = callId.substring(0, callId.indexOf('"'));
        return hub.route("callevt", "call." + name + "." + callId, callEvent);
    }

    private static RouteResult route(Hub hub, String exchange, String routingKey, byte[] body) {
        return hub.route(exchange, routingKey, body);
    }

    /** "subscription_key routing_key" of each frame, in order. */
    private List<String> seen(FakeRecipient recipient) {
        List<String> out = new ArrayList<>();
        for (Event e : recipient.events(codec)) {
            out.add(e.subscriptionKey() + " " + e.routingKey());
        }
        return out;
    }

    static byte[] call(String name, String callId, String account, String otherLeg) {
        return ("{\"Event-Name\":\"" + name + "\",\"Call-ID\":\"" + callId + "\""
                + (otherLeg == null ? "" : ",\"Other-Leg-Call-ID\":\"" + otherLeg + "\"")
                + (account == null ? "" : ",\"Custom-Channel-Vars\":{\"Account-ID\":\"" + account + "\"}")
                + "}").getBytes(UTF_8);
    }

    static byte[] conferenceEvent() {
        return ("{\"Event-Category\":\"conference\",\"Event-Name\":\"event\",\"Event\":\"add-member\","
                + "\"Conference-ID\":\"conf1\",\"Account-ID\":\"" + ACC_A + "\",\"Call-ID\":\"call1\"}").getBytes(UTF_8);
    }

    static byte[] conferenceCommand() {
        return ("{\"Event-Category\":\"conference\",\"Event-Name\":\"command\",\"Application-Name\":\"kick\","
                + "\"Conference-ID\":\"conf1\"}").getBytes(UTF_8);
    }
}
