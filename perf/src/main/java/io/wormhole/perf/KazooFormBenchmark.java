package io.wormhole.perf;

import com.fasterxml.jackson.databind.JsonNode;
import io.wormhole.protocol.payload.EventPayload;
import io.wormhole.protocol.payload.KazooForm;
import io.wormhole.protocol.payload.PayloadForm;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-Event payload work of the Hub on a realistic Kazoo {@code CHANNEL_CREATE}
 * (1,360 bytes): parsing the body once ({@link EventPayload#parse}) and producing its
 * {@code data} in the kazoo form (internal headers such as {@code Server-ID} and
 * {@code Node} stripped, keys lower-cased with {@code _}, nulls dropped) or the raw form
 * (the body itself).
 *
 * <p>The body is built once per trial and checked in {@link #setUp()}: the kazoo form must
 * have stripped the internal headers and rewritten the nested keys, so a broken fixture
 * fails the run instead of measuring the wrong thing. Each method returns its result for
 * JMH to consume.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class KazooFormBenchmark {

    /** What ecallmgr publishes on {@code callevt} when a channel is created; two nulls, four internal headers. */
    static final String CHANNEL_CREATE = """
            {"Event-Category":"call_event","Event-Name":"CHANNEL_CREATE",\
            "Call-ID":"5d3c61f2-1a7b-4e0c-9f27-8b1de4c0a6f3","Call-Direction":"inbound",\
            "Caller-ID-Name":"Alice Example","Caller-ID-Number":"+14155550101",\
            "Callee-ID-Name":"Support Queue","Callee-ID-Number":"2001",\
            "From":"1001@acme.sip.example.com","To":"2001@acme.sip.example.com",\
            "Request":"2001@acme.sip.example.com","Presence-ID":"1001@acme.sip.example.com",\
            "Timestamp":63873984017,"Switch-Hostname":"fs1.example.com",\
            "Switch-Nodename":"freeswitch@fs1.example.com","Switch-URI":"sip:10.0.0.11:11000",\
            "Media-Server":"fs1.example.com","Other-Leg-Call-ID":null,"Disposition":null,\
            "Custom-Channel-Vars":{"Account-ID":"4b31dd1e12b8a8f0b4e1d2e3f4a5b6c7",\
            "Authorizing-ID":"9a8b7c6d5e4f30211f2e3d4c5b6a7980","Authorizing-Type":"device",\
            "Owner-ID":"0f9e8d7c6b5a49382716a5b4c3d2e1f0","Channel-Authorized":"true",\
            "Call-Interaction-ID":"63873984017-3f1a9b2c","Realm":"acme.sip.example.com",\
            "Username":"user_k2x9p4","Ecallmgr-Node":"ecallmgr@kz1.example.com",\
            "Global-Resource":"false"},\
            "Custom-Application-Vars":{"Queue-Name":"support"},\
            "Msg-ID":"c2f4a8e1-6b7d-4f10-a3c5-9e8d7b6a5f40","App-Name":"ecallmgr","App-Version":"4.3.0",\
            "Node":"ecallmgr@kz1.example.com",\
            "Server-ID":"targeted/kz1.example.com/ecallmgr_call_events/0ffa2b3c",\
            "Server-Queue-ID":"ecallmgr_call_events_0ffa2b3c","AMQP-Broker":"amqp://10.0.0.21:5672"}""";

    byte[] body;
    JsonNode tree;

    @Setup(Level.Trial)
    public void setUp() {
        body = CHANNEL_CREATE.getBytes(StandardCharsets.UTF_8);
        tree = EventPayload.parse(body).tree();
        String kazoo = new String(EventPayload.parse(body).data(PayloadForm.KAZOO), StandardCharsets.UTF_8);
        if (kazoo.contains("server_id") || kazoo.contains("\"node\"") || kazoo.contains("Account-ID")
                || kazoo.contains("other_leg_call_id") || !kazoo.contains("\"custom_channel_vars\":{\"account_id\"")) {
            throw new IllegalStateException("the fixture does not exercise the kazoo form: " + kazoo);
        }
    }

    /** Parse only: what every delivery that matched pays, whatever the form. */
    @Benchmark
    public EventPayload parse() {
        return EventPayload.parse(body);
    }

    /** Parse, then the kazoo form: the default per-Event cost. */
    @Benchmark
    public byte[] parseThenKazoo() {
        return EventPayload.parse(body).data(PayloadForm.KAZOO);
    }

    /** Parse, then the raw form, which is the body itself. */
    @Benchmark
    public byte[] parseThenRaw() {
        return EventPayload.parse(body).data(PayloadForm.RAW);
    }

    /** The kazoo form from an already parsed tree: the rewriting alone. */
    @Benchmark
    public byte[] kazooFromTree() {
        return KazooForm.apply(tree);
    }
}
