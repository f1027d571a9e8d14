package io.wormhole.it;

/**
 * One message as a Kazoo cluster publishes it: the exchange, the routing key (ids
 * already encoded as Kazoo encodes them) and the JSON payload in Kazoo's
 * Title-Case-Hyphen form. Builders for the families of the default catalogue follow
 * kazoo-events.md, "Payloads for tests".
 */
public record KazooEvent(String exchange, String routingKey, String payload) {

    /** A call event on {@code callevt}, routed as {@code call.<Event-Name>.<encoded Call-ID>}. */
    public static KazooEvent call(String accountId, String eventName, String callId) {
        return callWithPadding(accountId, eventName, callId, 0);
    }

    /**
     * A call event whose payload carries a SIP header of {@code padding} characters:
     * a way to make frames large without changing their shape.
     */
    public static KazooEvent callWithPadding(String accountId, String eventName, String callId, int padding) {
        String payload = """
                {"Event-Category":"call_event","Event-Name":"%s","Call-ID":"%s","Call-Direction":"inbound",
                 "Caller-ID-Name":"Alice Example","Caller-ID-Number":"+14155550100",
                 "Callee-ID-Name":"Bob Example","Callee-ID-Number":"+14155550101",
                 "From":"+14155550100@sip.example.com","To":"+14155550101@sip.example.com",
                 "Request":"+14155550101@sip.example.com","Timestamp":63893923200,
                 "Channel-Call-State":"RINGING","Media-Server":"fs1.example.com",
                 "Custom-Channel-Vars":{"Account-ID":"%s","Owner-ID":"5f0c5ba2b4e4aa4f9a0b0f13b2c8c3d1",
                   "Authorizing-ID":"d0b3a8c1c3a24ef5a3c9d2b4e5f60718","Authorizing-Type":"device",
                   "Realm":"sip.example.com","Username":"alice","Account-Name":"Example Corp"},
                 "Custom-SIP-Headers":{"X-Padding":"%s"},
                 "App-Name":"ecallmgr","App-Version":"4.3.0","Msg-ID":"%s","Node":"ecallmgr@fs1.example.com",
                 "Server-ID":""}
                """.formatted(eventName, callId, accountId, "x".repeat(padding), Ids.id());
        return new KazooEvent("callevt", "call." + eventName + "." + encode(callId), payload);
    }

    /** A document event on {@code configuration}: {@code <action>.<encoded db>.<type>.<encoded id>}. */
    public static KazooEvent document(String accountId, String action, String type, String docId) {
        String payload = """
                {"ID":"%s","Database":"%s","Type":"%s","Rev":"2-8a2c7f6e0d1b4c3a","Account-ID":"%s",
                 "Date-Created":63893923000,"Date-Modified":63893923200,"Is-Soft-Deleted":false,
                 "Origin-Cache":"callflow_cache","Event-Category":"configuration","Event-Name":"%s",
                 "App-Name":"datamgr","App-Version":"4.3.0","Msg-ID":"%s","Node":"kazoo_apps@apps1.example.com",
                 "Server-ID":""}
                """.formatted(docId, accountDb(accountId), type, accountId, action, Ids.id());
        return new KazooEvent("configuration", action + "." + encode(accountDb(accountId)) + "." + type + "."
                + encode(docId), payload);
    }

    /** A fax status on {@code faxes}: {@code fax.status.<Account-ID>.<encoded Job-ID>}. */
    public static KazooEvent faxStatus(String accountId, String jobId, String state) {
        String payload = """
                {"Event-Category":"fax","Event-Name":"status","Job-ID":"%s","Fax-State":"%s",
                 "Direction":"outgoing","Account-ID":"%s","FaxBox-ID":"0a4e8cd1f8f24b5ab6d2c5e1f0a9b8c7","Page":2,
                 "App-Name":"fax","App-Version":"4.3.0","Msg-ID":"%s","Node":"kazoo_apps@apps1.example.com"}
                """.formatted(jobId, state, accountId, Ids.id());
        return new KazooEvent("faxes", "fax.status." + accountId + "." + encode(jobId), payload);
    }

    /**
     * A conference event on {@code conference}:
     * {@code conference.event.<Event>.<Account-ID>.<Conference-ID>.<encoded Call-ID>}.
     */
    public static KazooEvent conference(String accountId, String event, String conferenceId, String callId) {
        String payload = """
                {"Event-Category":"conference","Event-Name":"event","Event":"%s","Conference-ID":"%s",
                 "Instance-ID":"3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b","Account-ID":"%s","Call-ID":"%s",
                 "Participant-ID":7,"Caller-ID-Name":"Alice Example","Caller-ID-Number":"+14155550100",
                 "App-Name":"ecallmgr","App-Version":"4.3.0","Msg-ID":"%s","Node":"ecallmgr@fs1.example.com"}
                """.formatted(event, conferenceId, accountId, callId, Ids.id());
        return new KazooEvent("conference", "conference.event." + event + "." + accountId + "." + conferenceId
                + "." + encode(callId), payload);
    }

    /** The account's database name, not yet encoded: {@code account/xx/yy/<rest>}. */
    public static String accountDb(String accountId) {
        return "account/" + accountId.substring(0, 2) + "/" + accountId.substring(2, 4) + "/"
                + accountId.substring(4);
    }

    /**
     * Kazoo's routing-key encoding of an id: {@code A-Z a-z 0-9 - ~ _} stay, a space is
     * {@code +}, {@code .} is {@code %2E}, any other byte {@code %XX}; a bare {@code *} or
     * {@code #} is left alone.
     */
    public static String encode(String id) {
        if (id.equals("*") || id.equals("#")) {
            return id;
        }
        StringBuilder out = new StringBuilder();
        for (byte b : id.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '~'
                    || c == '_') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
