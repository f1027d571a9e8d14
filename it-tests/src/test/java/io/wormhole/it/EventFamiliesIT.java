package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Protocol §5 for each Kazoo family of the default catalogue: publish X with routing key
 * K, and a client subscribed to B in account A receives exactly this frame, its data in
 * the {@code kazoo} form (keys lower case with {@code _}, internal headers and null values
 * gone, nested objects and arrays rewritten too).
 */
class EventFamiliesIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with();

    private final String account = Ids.account();

    @Test
    void callEvent_boundByEventName_arrivesInKazooForm() {
        String callId = Ids.sipCallId();
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*");

        gateway.publish(new KazooEvent("callevt", "call.CHANNEL_CREATE." + KazooEvent.encode(callId), """
                {"Event-Category":"call_event","Event-Name":"CHANNEL_CREATE","Call-ID":"%1$s",
                 "Call-Direction":"inbound","Caller-ID-Name":"Alice Example","Caller-ID-Number":"+14155550100",
                 "Callee-ID-Name":"Bob Example","Callee-ID-Number":"+14155550101",
                 "From":"+14155550100@sip.example.com","To":"+14155550101@sip.example.com",
                 "Request":"+14155550101@sip.example.com","Timestamp":63893923200,
                 "Channel-Call-State":"RINGING","Media-Server":"fs1.example.com","Other-Leg-Call-ID":null,
                 "Custom-Channel-Vars":{"Account-ID":"%2$s","Owner-ID":"5f0c5ba2b4e4aa4f9a0b0f13b2c8c3d1",
                   "Authorizing-ID":"d0b3a8c1c3a24ef5a3c9d2b4e5f60718","Authorizing-Type":"device",
                   "Realm":"sip.example.com","Username":"alice","Account-Name":"Example Corp"},
                 "Transfer-History":[{"Transferor":"1000","Transfer-Type":"blind"}],
                 "App-Name":"ecallmgr","App-Version":"4.3.0","Msg-ID":"m-1","Node":"ecallmgr@fs1.example.com",
                 "Server-ID":"","Server-Queue-ID":"q1","AMQP-Broker":"amqp://10.26.0.5","System-Log-ID":"l1"}
                """.formatted(callId, account)));

        assertThat(client.nextEvent()).isEqualTo(Json.parse("""
                {"action":"event","subscribed_key":"call.CHANNEL_CREATE.*",
                 "subscription_key":"call.%2$s.CHANNEL_CREATE.*","name":"CHANNEL_CREATE",
                 "routing_key":"call.CHANNEL_CREATE.%3$s",
                 "data":{"event_category":"call_event","event_name":"CHANNEL_CREATE","call_id":"%1$s",
                   "call_direction":"inbound","caller_id_name":"Alice Example","caller_id_number":"+14155550100",
                   "callee_id_name":"Bob Example","callee_id_number":"+14155550101",
                   "from":"+14155550100@sip.example.com","to":"+14155550101@sip.example.com",
                   "request":"+14155550101@sip.example.com","timestamp":63893923200,
                   "channel_call_state":"RINGING","media_server":"fs1.example.com",
                   "custom_channel_vars":{"account_id":"%2$s","owner_id":"5f0c5ba2b4e4aa4f9a0b0f13b2c8c3d1",
                     "authorizing_id":"d0b3a8c1c3a24ef5a3c9d2b4e5f60718","authorizing_type":"device",
                     "realm":"sip.example.com","username":"alice","account_name":"Example Corp"},
                   "transfer_history":[{"transferor":"1000","transfer_type":"blind"}],
                   "app_name":"ecallmgr","app_version":"4.3.0","msg_id":"m-1"}}
                """.formatted(callId, account, KazooEvent.encode(callId))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "documented form | doc_edited.*.user.* | doc_edited.{A}.*.user.*",
        "Kazoo 4.3 object form | object.doc_edited.user | object.{A}.doc_edited.user"})
    void documentEdited_boundEitherWay_arrivesInKazooForm(String form, String binding, String subscriptionKey) {
        String docId = Ids.id();
        String db = "account%2F" + account.substring(0, 2) + "%2F" + account.substring(2, 4) + "%2F"
                + account.substring(4);
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), binding);

        gateway.publish(new KazooEvent("configuration", "doc_edited." + db + ".user." + docId, """
                {"ID":"%1$s","Database":"%2$s","Type":"user","Rev":"2-8a2c7f6e0d1b4c3a","Account-ID":"%3$s",
                 "Date-Created":63893923000,"Date-Modified":63893923200,"Is-Soft-Deleted":false,
                 "Origin-Cache":"callflow_cache","Event-Category":"configuration","Event-Name":"doc_edited",
                 "App-Name":"datamgr","App-Version":"4.3.0","Msg-ID":"m-2","Node":"kazoo_apps@apps1.example.com"}
                """.formatted(docId, KazooEvent.accountDb(account), account)));

        assertThat(client.nextEvent()).isEqualTo(Json.parse("""
                {"action":"event","subscribed_key":"%4$s","subscription_key":"%5$s","name":"doc_edited",
                 "routing_key":"doc_edited.%6$s.user.%1$s",
                 "data":{"id":"%1$s","database":"%2$s","type":"user","rev":"2-8a2c7f6e0d1b4c3a","account_id":"%3$s",
                   "date_created":63893923000,"date_modified":63893923200,"is_soft_deleted":false,
                   "origin_cache":"callflow_cache","event_category":"configuration","event_name":"doc_edited",
                   "app_name":"datamgr","app_version":"4.3.0","msg_id":"m-2"}}
                """.formatted(docId, KazooEvent.accountDb(account), account, binding,
                subscriptionKey.replace("{A}", account), db)));
    }

    @Test
    void faxStatus_arrivesInKazooForm() {
        String jobId = Ids.id();
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "fax.status.*");

        gateway.publish(new KazooEvent("faxes", "fax.status." + account + "." + jobId, """
                {"Event-Category":"fax","Event-Name":"status","Job-ID":"%1$s","Fax-State":"send",
                 "Direction":"outgoing","Account-ID":"%2$s","FaxBox-ID":"0a4e8cd1f8f24b5ab6d2c5e1f0a9b8c7",
                 "Page":2,"App-Name":"fax","App-Version":"4.3.0","Msg-ID":"m-3","Node":"kazoo_apps@apps1"}
                """.formatted(jobId, account)));

        assertThat(client.nextEvent()).isEqualTo(Json.parse("""
                {"action":"event","subscribed_key":"fax.status.*","subscription_key":"fax.%2$s.status.*",
                 "name":"status","routing_key":"fax.status.%2$s.%1$s",
                 "data":{"event_category":"fax","event_name":"status","job_id":"%1$s","fax_state":"send",
                   "direction":"outgoing","account_id":"%2$s","faxbox_id":"0a4e8cd1f8f24b5ab6d2c5e1f0a9b8c7",
                   "page":2,"app_name":"fax","app_version":"4.3.0","msg_id":"m-3"}}
                """.formatted(jobId, account)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "documented form           | conference.event.{C}.*            | conference.{A}.event.{C}.*",
        "documented form with event | conference.event.{C}.*.add-member | conference.{A}.event.{C}.*.add-member",
        "monster-ui form           | conference.event.*.{C}.*          | conference.{A}.event.*.{C}.*"})
    void conferenceEvent_boundAnyAcceptedWay_arrivesInKazooForm(String form, String binding, String subscriptionKey) {
        String conferenceId = Ids.id();
        String callId = Ids.sipCallId();
        String subscribed = binding.replace("{C}", conferenceId);
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), subscribed);

        gateway.publish(new KazooEvent("conference", "conference.event.add-member." + account + "."
                + conferenceId + "." + KazooEvent.encode(callId), """
                {"Event-Category":"conference","Event-Name":"event","Event":"add-member","Conference-ID":"%1$s",
                 "Instance-ID":"3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b","Account-ID":"%2$s","Call-ID":"%3$s",
                 "Participant-ID":7,"Caller-ID-Name":"Alice Example","Caller-ID-Number":"+14155550100",
                 "App-Name":"ecallmgr","App-Version":"4.3.0","Msg-ID":"m-4","Node":"ecallmgr@fs1"}
                """.formatted(conferenceId, account, callId)));

        assertThat(client.nextEvent()).isEqualTo(Json.parse("""
                {"action":"event","subscribed_key":"%4$s","subscription_key":"%5$s","name":"event",
                 "routing_key":"conference.event.add-member.%2$s.%1$s.%6$s",
                 "data":{"event_category":"conference","event_name":"event","event":"add-member",
                   "conference_id":"%1$s","instance_id":"3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
                   "account_id":"%2$s","call_id":"%3$s","participant_id":7,"caller_id_name":"Alice Example",
                   "caller_id_number":"+14155550100","app_name":"ecallmgr","app_version":"4.3.0","msg_id":"m-4"}}
                """.formatted(conferenceId, account, callId, subscribed,
                subscriptionKey.replace("{A}", account).replace("{C}", conferenceId),
                KazooEvent.encode(callId))));
    }
}
