package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events that name no account, as Kazoo publishes them (kazoo-events.md, "Corrections and
 * rules"): an inbound carrier leg's first CHANNEL_CREATE and conference commands. The node
 * learns their account from the other events of the same call or conference and delivers
 * them to the account's subscribers, in order, on the real broker.
 */
class AccountLessEventsIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with();

    private final String account = Ids.account();

    @Test
    void inboundCreateWithoutAccount_thenAnswerWithIt_accountSubscriberGetsBothInOrder() {
        String callId = Ids.sipCallId();
        String key = KazooEvent.encode(callId);
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.*.*");

        gateway.publish(new KazooEvent("callevt", "call.CHANNEL_CREATE." + key, """
                {"Event-Category":"call_event","Event-Name":"CHANNEL_CREATE","Call-ID":"%1$s",
                 "Call-Direction":"inbound","Caller-ID-Number":"+14155550100","Callee-ID-Number":"+14155550101",
                 "Channel-Call-State":"RINGING","Custom-Channel-Vars":{},"App-Name":"ecallmgr","Msg-ID":"m-1"}
                """.formatted(callId)));
        gateway.publish(new KazooEvent("callevt", "call.CHANNEL_ANSWER." + key, """
                {"Event-Category":"call_event","Event-Name":"CHANNEL_ANSWER","Call-ID":"%1$s",
                 "Call-Direction":"inbound","Channel-Call-State":"ACTIVE",
                 "Custom-Channel-Vars":{"Account-ID":"%2$s"},"App-Name":"ecallmgr","Msg-ID":"m-2"}
                """.formatted(callId, account)));

        JsonNode create = client.nextEvent();
        JsonNode answer = client.nextEvent();
        assertThat(create.get("routing_key").asText()).isEqualTo("call.CHANNEL_CREATE." + key);
        assertThat(create.get("subscription_key").asText()).isEqualTo("call." + account + ".*.*");
        assertThat(create.get("data").has("custom_channel_vars")).isTrue();
        assertThat(answer.get("routing_key").asText()).isEqualTo("call.CHANNEL_ANSWER." + key);
        assertThat(gateway.get("/metrics").body()).contains("wormhole_events_total{outcome=\"held\"");
    }

    @Test
    void conferenceCommandAfterTheConferencesEvents_reachesTheAccountsCommandSubscriber() {
        String conferenceId = Ids.id();
        String callId = Ids.sipCallId();
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "conference.event." + conferenceId + ".*",
                "conference.command." + conferenceId);

        gateway.publish(new KazooEvent("conference", "conference.event.add-member." + account + "."
                + conferenceId + "." + KazooEvent.encode(callId), """
                {"Event-Category":"conference","Event-Name":"event","Event":"add-member","Conference-ID":"%1$s",
                 "Account-ID":"%2$s","Call-ID":"%3$s","App-Name":"ecallmgr","Msg-ID":"m-3"}
                """.formatted(conferenceId, account, callId)));
        gateway.publish(new KazooEvent("conference", "conference.command." + conferenceId, """
                {"Event-Category":"conference","Event-Name":"command","Application-Name":"mute_participant",
                 "Conference-ID":"%1$s","Participant-ID":"7","App-Name":"monster","Msg-ID":"m-4"}
                """.formatted(conferenceId)));

        JsonNode event = client.nextEvent();
        JsonNode command = client.nextEvent();
        assertThat(event.get("name").asText()).isEqualTo("event");
        assertThat(command.get("subscription_key").asText())
                .isEqualTo("conference." + account + ".command." + conferenceId);
        assertThat(command.get("routing_key").asText()).isEqualTo("conference.command." + conferenceId);
        assertThat(command.get("data").get("application_name").asText()).isEqualTo("mute_participant");
    }
}
