package io.wormhole.perf;

import io.wormhole.gateway.routing.Hub;
import io.wormhole.gateway.routing.Recipient;
import io.wormhole.gateway.routing.RouteResult;
import io.wormhole.protocol.catalog.Catalog;
import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.PayloadForm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of routing one Event among N distinct call patterns: the {@link Hub} (one trie
 * walk) against {@link LinearScan} (every Binding of every Session checked in turn).
 *
 * <p><b>Fixture.</b> N distinct AMQP patterns of the {@code call} family, each resolved by
 * the built-in catalogue and subscribed by its own recipient (one Session per pattern) in
 * one of 1000 Accounts: mostly {@code call.<EVENT>.<call id>}, every tenth
 * {@code call.*.<call id>}, and six wildcard ones ({@code call.CHANNEL_CREATE.*},
 * {@code call.CHANNEL_CREATE.#} and four for other events). The hit key
 * {@code call.CHANNEL_CREATE.<target>} matches four patterns, all subscribed in the
 * Event's Account, so each router hands out four frames; the miss key
 * {@code call.CHANNEL_HOLD.<unknown>} matches none, so the Hub returns after the trie
 * walk without touching the body: the walk alone, through the public API.
 *
 * <p><b>Payload.</b> Tiny (three fields) and in the raw form, to keep parsing and encoding
 * the four frames as cheap as they can be; both routers do the same per-match work. Setup
 * checks that both routers hand out the same frames.
 *
 * <p><b>Left out.</b> The trie walk alone for a key that matches: {@code PatternTrie} and
 * {@code Hub.trie} are package-private in the gateway, so a hit always includes the parse
 * and the encoding.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RoutingBenchmark {

    private static final String EXCHANGE = "callevt";
    private static final int ACCOUNTS = 1000;
    private static final String[] EVENTS = {"CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_DESTROY",
        "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_BRIDGE", "PARK_PARKED", "PARK_RETRIEVED", "PARK_ABANDONED"};
    /** Client Bindings of the fixed part, all in the Event's Account; the first two match the hit key. */
    private static final List<String> WILDCARDS = List.of("call.CHANNEL_CREATE.*", "call.CHANNEL_CREATE.#",
            "call.CHANNEL_ANSWER.*", "call.CHANNEL_DESTROY.#", "call.PARK_PARKED.*", "call.CHANNEL_BRIDGE.#");
    /** Size of the fixed part: the wildcards, {@code call.*.<target>}, {@code call.CHANNEL_CREATE.<target>}. */
    private static final int FIXED = WILDCARDS.size() + 2;
    private static final int HIT_FRAMES = 4;

    @Param({"1000", "10000", "100000"})
    int patterns;

    Hub hub;
    LinearScan linear;
    String hitKey;
    String missKey;
    byte[] body;

    @Setup(Level.Trial)
    public void setUp() {
        Catalog catalog = Catalog.kazooDefault();
        MessageCodec codec = new MessageCodec();
        hub = new Hub(codec, PayloadForm.RAW);
        linear = new LinearScan(codec, PayloadForm.RAW);
        String eventAccount = account(0);
        String target = callId(patterns + 1);
        for (int i = 0; i < patterns; i++) {
            String binding;
            String account = account(i);
            if (i < WILDCARDS.size()) {
                binding = WILDCARDS.get(i);
                account = eventAccount;
            } else if (i == FIXED - 2) {
                binding = "call.*." + target;
                account = eventAccount;
            } else if (i == FIXED - 1) {
                binding = "call.CHANNEL_CREATE." + target;
                account = eventAccount;
            } else if (i % 10 == 0) {
                binding = "call.*." + callId(i);
            } else {
                binding = "call." + EVENTS[i % EVENTS.length] + "." + callId(i);
            }
            ResolvedBinding resolved = catalog.resolve(binding);
            Recipient recipient = new CountingRecipient();
            hub.add(recipient, account, resolved);
            linear.add(recipient, account, List.of(resolved));
        }
        hitKey = "call.CHANNEL_CREATE." + target;
        missKey = "call.CHANNEL_HOLD." + callId(patterns);
        body = ("{\"Event-Name\":\"CHANNEL_CREATE\",\"Call-ID\":\"" + target
                + "\",\"Custom-Channel-Vars\":{\"Account-ID\":\"" + eventAccount + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        check();
    }

    /** One Event that matches four patterns, through the Hub. */
    @Benchmark
    public RouteResult hubHit() {
        return hub.route(EXCHANGE, hitKey, body);
    }

    /** The same Event through the linear scan. */
    @Benchmark
    public int linearHit() {
        return linear.route(EXCHANGE, hitKey, body);
    }

    /** One Event nobody wants, through the Hub: the trie walk alone. */
    @Benchmark
    public RouteResult hubMiss() {
        return hub.route(EXCHANGE, missKey, body);
    }

    /** The same unwanted Event through the linear scan: every Binding checked, nothing parsed. */
    @Benchmark
    public int linearMiss() {
        return linear.route(EXCHANGE, missKey, body);
    }

    private void check() {
        if (hub.patternCount() != patterns) {
            throw new IllegalStateException("expected " + patterns + " distinct patterns, got " + hub.patternCount());
        }
        RouteResult hit = hub.route(EXCHANGE, hitKey, body);
        int linearFrames = linear.route(EXCHANGE, hitKey, body);
        if (hit.frames() != HIT_FRAMES || linearFrames != HIT_FRAMES) {
            throw new IllegalStateException("hit key: hub " + hit + ", linear scan " + linearFrames
                    + " frames, expected " + HIT_FRAMES);
        }
        RouteResult miss = hub.route(EXCHANGE, missKey, body);
        if (miss.outcome() != RouteResult.Outcome.NO_MATCH || linear.route(EXCHANGE, missKey, body) != 0) {
            throw new IllegalStateException("miss key matched: hub " + miss);
        }
    }

    /** A 32-hex Account id, one of {@value #ACCOUNTS}. */
    private static String account(int i) {
        long h = (i % ACCOUNTS + 1) * 0xc2b2ae3d27d4eb4fL;
        return String.format("%016x%016x", h, Long.rotateLeft(h, 29));
    }

    /** A distinct FreeSWITCH-style call id per index. */
    private static String callId(int i) {
        long h = i * 0x9e3779b97f4a7c15L;
        return String.format("%08x-%04x-4%03x-a%03x-%012x", h >>> 32, (h >>> 16) & 0xffff, (h >>> 4) & 0xfff,
                h & 0xfff, (long) i);
    }

    /**
     * A Session stand-in that only counts its frames: never blocks, never throws, and
     * keeps each frame reachable through a field write so delivery cannot be elided.
     */
    private static final class CountingRecipient implements Recipient {
        int frames;
        int bytes;

        @Override
        public void deliver(byte[] frame) {
            frames++;
            bytes += frame.length;
        }
    }
}
