package io.wormhole.it;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Events as a Kazoo 4.3 cluster publishes them, built from Kazoo's own API definitions,
 * each with the subscribers of a fixed set that must get it (one frame each) and, by
 * omission, those that must not.
 *
 * <p>Sources: {@code kapi_call.hrl} ({@code call.<Event>.<encoded Call-ID>}, also for
 * {@code DTMF} and {@code CHANNEL_EXECUTE_COMPLETE}); {@code kzs_publish.erl} and
 * {@code kz_amqp_util:document_routing_key} ({@code doc_<action>.<db>.<type>.<encoded id>}
 * for every database a document is saved in, aggregate databases included, and
 * {@code db_<action>.<db>.database.<db>}); {@code kapi_fax:publish_status}
 * ({@code fax.status.<Account-ID or *>.<encoded Fax-ID or Job-ID>});
 * {@code kapi_conference} ({@code conference.event.<Event>.<Account-ID>.<Conference-ID>.
 * <encoded Call-ID>}). Receivers follow Kazoo's blackhole ({@code bh_call}, {@code bh_object},
 * {@code bh_fax}, {@code bh_conference}) except where docs/protocol.md "Kazoo compatibility"
 * says the gateway differs on purpose; those entries say so in their name.
 *
 * <p>Immutable once built; fresh ids per instance.
 */
final class KazooCorpus {
    /** A socket of the fixed set: one binding in one account ({@code *}: a super-admin's every account). */
    record Subscriber(String name, String account, String binding) {
    }

    /** One published event and the names of the subscribers that get exactly one frame of it. */
    record Entry(String name, KazooEvent event, List<String> receivers) {
    }

    final String x = Ids.account();
    final String y = Ids.account();
    private final String callId = Ids.sipCallId();
    private final String conferenceId = Ids.id();
    private final String month = YearMonth.now(ZoneOffset.UTC).toString().replace("-", "");

    final List<Subscriber> subscribers = List.of(
            new Subscriber("X call.*.*", x, "call.*.*"),
            new Subscriber("X call.#", x, "call.#"),
            new Subscriber("X call.*.<call>", x, "call.*." + KazooEvent.encode(callId)),
            new Subscriber("X call.CHANNEL_CREATE.*", x, "call.CHANNEL_CREATE.*"),
            new Subscriber("X object.doc_edited.device", x, "object.doc_edited.device"),
            new Subscriber("X object.*.*", x, "object.*.*"),
            new Subscriber("X doc_edited.*.device.*", x, "doc_edited.*.device.*"),
            new Subscriber("X fax.status.*", x, "fax.status.*"),
            new Subscriber("X fax.object.doc_created", x, "fax.object.doc_created"),
            new Subscriber("X conference.event.<conf>.*", x, "conference.event." + conferenceId + ".*"),
            new Subscriber("Y call.*.*", y, "call.*.*"),
            new Subscriber("Y object.*.*", y, "object.*.*"),
            new Subscriber("* call.*.*", "*", "call.*.*"),
            new Subscriber("* doc_edited.*.*.*", "*", "doc_edited.*.*.*"),
            new Subscriber("* fax.status.*", "*", "fax.status.*"));

    private static final List<String> X_CALL = List.of("X call.*.*", "X call.#", "X call.*.<call>", "* call.*.*");

    final List<Entry> entries = List.of(
            new Entry("CHANNEL_CREATE of X's call", call("CHANNEL_CREATE", ""),
                    List.of("X call.*.*", "X call.#", "X call.*.<call>", "X call.CHANNEL_CREATE.*", "* call.*.*")),
            new Entry("DTMF on X's call (digits typed: not a catalogue event)",
                    call("DTMF", "\"DTMF-Digit\":\"7\",\"DTMF-Duration\":\"2000\","), List.of()),
            new Entry("CHANNEL_EXECUTE_COMPLETE on X's call (not a catalogue event)",
                    call("CHANNEL_EXECUTE_COMPLETE",
                            "\"Application-Name\":\"play\",\"Application-Response\":\"FILE PLAYED\","),
                    List.of()),
            new Entry("CHANNEL_DESTROY of X's call", call("CHANNEL_DESTROY", "\"Hangup-Cause\":\"NORMAL_CLEARING\","),
                    X_CALL),
            new Entry("device edited in X's database", document("doc_edited", accountDb(x), x, "device"),
                    List.of("X object.doc_edited.device", "X object.*.*", "X doc_edited.*.device.*",
                            "* doc_edited.*.*.*")),
            new Entry("the same device edit's copy in sip_auth (aggregate)",
                    document("doc_edited", "sip_auth", x, "device"), List.of("* doc_edited.*.*.*")),
            new Entry("X's account document edited in accounts (aggregate)",
                    document("doc_edited", "accounts", x, "account"), List.of("* doc_edited.*.*.*")),
            new Entry("user created in X's database", document("doc_created", accountDb(x), x, "user"),
                    List.of("X object.*.*")),
            new Entry("fax created in X's monthly database",
                    document("doc_created", accountDb(x) + "-" + month, x, "fax"),
                    List.of("X object.*.*", "X fax.object.doc_created")),
            new Entry("fax created in faxes (aggregate)", document("doc_created", "faxes", x, "fax"), List.of()),
            new Entry("X's database created (db_ action: not a document action, unlike Kazoo's object.*.*)",
                    database("db_created", accountDb(x)), List.of()),
            new Entry("user edited in Y's database", document("doc_edited", accountDb(y), y, "user"),
                    List.of("Y object.*.*", "* doc_edited.*.*.*")),
            new Entry("fax status of X", faxStatus(x), List.of("X fax.status.*", "* fax.status.*")),
            new Entry("fax status published without an account", faxStatus(null), List.of("* fax.status.*")),
            new Entry("conference event in X", KazooEvent.conference(x, "add-member", conferenceId, Ids.sipCallId()),
                    List.of("X conference.event.<conf>.*")));

    /** The database name of an account as it appears in a routing key: {@code account%2Fxx%2Fyy%2F<rest>}. */
    static String accountDb(String accountId) {
        return KazooEvent.encode(KazooEvent.accountDb(accountId));
    }

    /** A call event of {@code kapi_call} on X's call, with these extra fields (each ending in a comma). */
    private KazooEvent call(String eventName, String extra) {
        String payload = """
                {"Event-Category":"call_event","Event-Name":"%s","Call-ID":"%s","Call-Direction":"inbound",
                 "Caller-ID-Name":"Alice Example","Caller-ID-Number":"+14155550100",%s
                 "Custom-Channel-Vars":{"Account-ID":"%s","Owner-ID":"5f0c5ba2b4e4aa4f9a0b0f13b2c8c3d1"},
                 "App-Name":"ecallmgr","App-Version":"4.3.0","Msg-ID":"%s","Node":"ecallmgr@fs1.example.com"}
                """.formatted(eventName, callId, extra, x, Ids.id());
        return new KazooEvent("callevt", "call." + eventName + "." + KazooEvent.encode(callId), payload);
    }

    /**
     * {@code kzs_publish:publish/3}: one document change in database {@code db} (as it
     * appears in the routing key), with the document's {@code Account-ID} whatever the
     * database, as Kazoo sets it from the document's {@code pvt_account_id}.
     */
    private static KazooEvent document(String action, String db, String accountId, String type) {
        String docId = Ids.id();
        String payload = """
                {"ID":"%s","Origin-Cache":"kazoo_data","Type":"%s","Database":"%s","Rev":"3-1c2d3e4f",
                 "Account-ID":"%s","Date-Modified":63893923000,"Date-Created":63893923200,"Is-Soft-Deleted":false,
                 "Event-Category":"configuration","Event-Name":"%s","App-Name":"kazoo_data","App-Version":"4.3.0",
                 "Msg-ID":"%s","Node":"kazoo_apps@apps1.example.com"}
                """.formatted(docId, type, db, accountId, action, Ids.id());
        return new KazooEvent("configuration", action + "." + db + "." + type + "." + KazooEvent.encode(docId),
                payload);
    }

    /** {@code kzs_publish:do_publish_db/3}: {@code db_<action>.<db>.database.<db>}. */
    private static KazooEvent database(String action, String db) {
        String payload = """
                {"Type":"database","ID":"%s","Database":"%s","Event-Category":"configuration","Event-Name":"%s",
                 "App-Name":"kazoo_data","App-Version":"1.0.0","Msg-ID":"%s"}
                """.formatted(db, db, action, Ids.id());
        return new KazooEvent("configuration", action + "." + db + ".database." + db, payload);
    }

    /** {@code kapi_fax:publish_status/2}: no {@code Account-ID} (null) puts a literal {@code *} in the key. */
    private static KazooEvent faxStatus(String accountId) {
        String jobId = Ids.id();
        String account = accountId == null ? "" : "\"Account-ID\":\"" + accountId + "\",";
        String payload = """
                {"Event-Category":"fax","Event-Name":"status","Job-ID":"%s","Fax-State":"send",
                 "Direction":"outgoing",%s"FaxBox-ID":"0a4e8cd1f8f24b5ab6d2c5e1f0a9b8c7","Page":1,
                 "App-Name":"fax","App-Version":"4.3.0","Msg-ID":"%s","Node":"kazoo_apps@apps1.example.com"}
                """.formatted(jobId, account, Ids.id());
        return new KazooEvent("faxes", "fax.status." + (accountId == null ? "*" : accountId) + "."
                + KazooEvent.encode(jobId), payload);
    }
}
