package io.wormhole.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.wormhole.gateway.routing.Hub;
import io.wormhole.gateway.routing.Recipient;
import io.wormhole.gateway.routing.RouteResult;
import io.wormhole.protocol.catalog.Catalog;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.PayloadForm;

/**
 * The demo's events are Kazoo's: each one, routed by the gateway's own hub with the
 * built-in catalogue, reaches a subscriber of its account (so routing keys fit the
 * families' shapes and the account is where the catalogue looks for it), and the stories
 * hang together (one call's legs, one fax's pages).
 */
class KazooScriptTest {
    private static final Set<String> KAZOO_EXCHANGES = Set.of("callevt", "configuration", "faxes", "conference");
    private static final List<String> EVERY_FAMILY = List.of("call.*.*", "doc_edited.*.*.*", "fax.status.*",
            "conference.event.*.*.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random = new Random(42);
    private final List<DemoAccount> accounts = DemoAccount.three(random);

    /** Counts the frames the hub hands it. */
    private static final class Counter implements Recipient {
        int frames;

        @Override
        public void deliver(byte[] frame) {
            frames++;
        }
    }

    @Test
    void next_everyEvent_reachesExactlyOneSubscriberOfItsAccount_aggregateCopiesNone() throws Exception {
        Catalog catalog = Catalog.kazooDefault();
        Hub hub = new Hub(new MessageCodec(), PayloadForm.KAZOO);
        Map<String, Counter> byAccount = new HashMap<>();
        for (DemoAccount a : accounts) {
            Counter c = new Counter();
            byAccount.put(a.id(), c);
            for (String binding : EVERY_FAMILY) {
                hub.add(c, a.id(), catalog.resolve(binding));
            }
        }
        KazooScript script = new KazooScript(accounts, random, 20, KAZOO_EXCHANGES);
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        Set<String> exchanges = new HashSet<>();
        int copies = 0;

        for (int i = 0; i < 3000; i++) {
            now = now.plus(Duration.ofMillis(50));
            DemoEvent e = script.next(now);
            byte[] body = JSON.writeValueAsBytes(e.payload());
            int before = total(byAccount);

            RouteResult r = hub.route(e.exchange(), e.routingKey(), body);

            if (e.routingKey().startsWith("doc_edited.sip_auth.")) {
                // Kazoo's copy of a device edit in an aggregate database: no account's event
                assertThat(r.outcome()).as("%s", e.routingKey()).isEqualTo(RouteResult.Outcome.NO_ACCOUNT);
                assertThat(total(byAccount) - before).isZero();
                copies++;
                continue;
            }
            assertThat(r.outcome()).as("%s %s", e.exchange(), e.routingKey()).isEqualTo(RouteResult.Outcome.DELIVERED);
            assertThat(total(byAccount) - before).isEqualTo(1);
            exchanges.add(e.exchange());
        }
        assertThat(exchanges).isEqualTo(KAZOO_EXCHANGES);
        assertThat(copies).as("device edits come with their sip_auth copy").isPositive();
        assertThat(byAccount.get(accounts.get(0).id()).frames)
                .as("the first account has about half the events").isBetween(1200, 1800);
    }

    @Test
    void callStory_runsFromCreateToDestroy_withTwoLegsThatNameEachOther() {
        CallStory call = new CallStory(accounts.get(0), random);
        Instant start = Instant.parse("2025-06-01T12:00:00Z");
        Instant now = start;
        List<DemoEvent> events = new ArrayList<>();
        while (!call.ended()) {
            now = now.isBefore(call.readyAt()) ? call.readyAt() : now;
            events.add(call.next(now));
        }

        assertThat(events.get(0).payload()).containsEntry("Event-Name", "CHANNEL_CREATE");
        assertThat(events.get(events.size() - 1).payload()).containsEntry("Event-Name", "CHANNEL_DESTROY");
        Set<Object> callIds = new HashSet<>();
        for (DemoEvent e : events) {
            Map<String, Object> p = e.payload();
            callIds.add(p.get("Call-ID"));
            assertThat(e.routingKey()).isEqualTo("call." + p.get("Event-Name") + "." + KazooWire.encode((String) p.get("Call-ID")));
            assertThat(((Number) p.get("Timestamp")).longValue()).as("Gregorian seconds")
                    .isBetween(KazooWire.gregorian(start), KazooWire.gregorian(now));
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = (Map<String, Object>) p.get("Custom-Channel-Vars");
            assertThat(vars).containsEntry("Account-ID", accounts.get(0).id());
            if (p.get("Event-Name").equals("CHANNEL_BRIDGE")) {
                assertThat(p.get("Other-Leg-Call-ID")).isNotEqualTo(p.get("Call-ID"));
            }
            if (p.get("Event-Name").equals("CHANNEL_DESTROY")) {
                assertThat(p).containsKeys("Hangup-Cause", "Duration-Seconds", "Billing-Seconds");
            }
        }
        assertThat(callIds).hasSize(2);
        assertThat(events).filteredOn(e -> e.payload().containsKey("Other-Leg-Call-ID"))
                .allSatisfy(e -> assertThat(callIds).contains(e.payload().get("Other-Leg-Call-ID")));
    }

    @Test
    void faxStory_startsAndEndsOnOneJob_countingPages() {
        FaxStory fax = new FaxStory(accounts.get(1), random);
        List<String> states = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        while (!fax.ended()) {
            DemoEvent e = fax.next(now);
            states.add((String) e.payload().get("Fax-State"));
            keys.add(e.routingKey());
            now = fax.readyAt();
        }

        assertThat(states.get(0)).isEqualTo("start");
        assertThat(states.get(states.size() - 1)).isIn("end", "error");
        assertThat(keys).hasSize(1);
        assertThat(keys.iterator().next()).startsWith("fax.status." + accounts.get(1).id() + ".");
    }

    @Test
    void next_catalogueWithoutFaxesOrConferences_publishesOnlyOnItsExchanges() {
        KazooScript script = new KazooScript(accounts, random, 20, Set.of("callevt", "configuration"));
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        for (int i = 0; i < 500; i++) {
            now = now.plus(Duration.ofMillis(50));
            assertThat(script.next(now).exchange()).isIn("callevt", "configuration");
        }
    }

    @Test
    void next_highRate_keepsTheLiveStoriesBounded() {
        KazooScript script = new KazooScript(accounts, random, 10_000, KAZOO_EXCHANGES);
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        for (int i = 0; i < 50_000; i++) {
            script.next(now); // no time passes: every story waits, new ones start
        }
        assertThat(script.live()).isLessThanOrEqualTo(KazooScript.MAX_LIVE + 1);
    }

    @Test
    void encode_keepsUnreservedCharacters_andEscapesTheRestAsKazooDoes() {
        assertThat(KazooWire.encode("3a8f@10.0.0.1")).isEqualTo("3a8f%4010%2E0%2E0%2E1");
        assertThat(KazooWire.encode("A-z_0~9")).isEqualTo("A-z_0~9");
        assertThat(KazooWire.encode("two words")).isEqualTo("two+words");
        assertThat(KazooWire.encode("*")).isEqualTo("*");
        assertThat(KazooWire.encode("é")).isEqualTo("%C3%A9");
        assertThat(KazooWire.encode(KazooWire.accountDb("4b31dd1d32ce6d249897c06332375d65")))
                .isEqualTo("account%2F4b%2F31%2Fdd1d32ce6d249897c06332375d65");
    }

    @Test
    void documentEvent_carriesTheAccountAndItsDatabase() throws Exception {
        DocumentStory doc = new DocumentStory(accounts.get(2), random, new HashMap<>());
        DemoEvent e = doc.next(Instant.parse("2025-06-01T12:00:00Z"));
        String body = new String(JSON.writeValueAsBytes(e.payload()), StandardCharsets.UTF_8);

        assertThat(e.routingKey()).startsWith("doc_edited." + KazooWire.encode(accounts.get(2).db()) + ".");
        assertThat(e.payload()).containsEntry("Account-ID", accounts.get(2).id())
                .containsEntry("Database", accounts.get(2).db())
                .containsEntry("Event-Name", "doc_edited");
        assertThat(body).doesNotContain("null");
        assertThat(doc.ended()).isTrue();
    }

    private static int total(Map<String, Counter> byAccount) {
        int n = 0;
        for (Counter c : byAccount.values()) {
            n += c.frames;
        }
        return n;
    }
}
