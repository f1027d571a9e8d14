package io.wormhole.perf.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.gatling.http.action.ws.WsInboundMessage;

/** The counting the simulation's verdict rests on, without a gateway or a broker. */
class DeliveryCountingTest {
    private static final String ACCOUNT = AccountTokens.accountId(3);
    private static final String OTHER = AccountTokens.accountId(4);

    private static String event(String name, String account) {
        return "{\"action\":\"event\",\"subscribed_key\":\"call." + name + ".*\",\"name\":\"" + name
                + "\",\"routing_key\":\"call." + name + ".c1\",\"data\":{\"call_id\":\"c1\","
                + "\"custom_channel_vars\":{\"account_id\":\"" + account + "\"}}}";
    }

    private static UserReceipts user(String binding) {
        return new UserReceipts(1, 3, ACCOUNT, CallBinding.parse(binding));
    }

    @Test
    void countsOwnEventsAndTellsForeignOnesApart() {
        UserReceipts r = user("call.CHANNEL_CREATE.*");
        r.count(List.of(
                new WsInboundMessage.Text(0, event("CHANNEL_CREATE", ACCOUNT)),
                new WsInboundMessage.Text(0, event("CHANNEL_CREATE", OTHER)),
                new WsInboundMessage.Text(0, event("CHANNEL_ANSWER", ACCOUNT)),
                new WsInboundMessage.Text(0, "{\"action\":\"notice\",\"type\":\"dropped\",\"data\":{\"count\":12}}"),
                new WsInboundMessage.Text(0, "not json")), 100);
        assertEquals(1, r.received);
        assertEquals(2, r.foreign);
        assertEquals(12, r.droppedNotices);
        assertEquals(1, r.otherFrames);
        assertEquals(0, r.fullPolls);
    }

    @Test
    void aPollAsLargeAsTheBufferIsFlagged() {
        UserReceipts r = user("call.*.*");
        r.count(List.of(new WsInboundMessage.Text(0, event("CHANNEL_DESTROY", ACCOUNT))), 1);
        assertEquals(1, r.received);
        assertEquals(1, r.fullPolls);
    }

    @Test
    void bindingsOfAnotherShapeAreRefused() {
        assertTrue(CallBinding.parse("call.*.*").matches("CHANNEL_HOLD"));
        assertFalse(CallBinding.parse("call.CHANNEL_ANSWER.*").matches("CHANNEL_CREATE"));
        assertThrows(IllegalArgumentException.class, () -> CallBinding.parse("call.CHANNEL_CREATE.abc"));
        assertThrows(IllegalArgumentException.class, () -> CallBinding.parse("doc_edited.*.user.*"));
    }

    @Test
    void aUserIsExactOnlyWithEveryEventItsBindingMatches() {
        DeliveryTally tally = new DeliveryTally();
        UserReceipts all = user("call.*.*");
        all.received = 30;
        UserReceipts creates = new UserReceipts(2, 3, ACCOUNT, CallBinding.parse("call.CHANNEL_CREATE.*"));
        creates.received = 9;
        tally.finished(all);
        tally.finished(creates);
        // 10 events of each of three names for account 3; none for the others
        DeliveryTally.Summary s = tally.summarize(List.of("CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_DESTROY"),
                (account, event) -> account == 3 ? 10 : 0, Long.MAX_VALUE);
        assertEquals(40, s.expected);
        assertEquals(39, s.received);
        assertEquals(1, s.exact);
        assertEquals(1, s.short_);
        assertFalse(s.allExact());
        assertTrue(s.text(30).contains("verdict=MISMATCH"));
    }

    @Test
    void anEmptyPublishWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoadSettings(10, java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(3), 1,
                List.of("call.*.*"), List.of("CHANNEL_CREATE"), 1, "ws://127.0.0.1:1", "127.0.0.1", 5672,
                java.nio.file.Path.of("k"), 10, java.nio.file.Path.of("s.txt")));
    }
}
