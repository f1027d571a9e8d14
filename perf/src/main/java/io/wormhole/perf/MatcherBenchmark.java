package io.wormhole.perf;

import io.wormhole.protocol.binding.Topics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one {@link Topics#matches(String, String)} call (AMQP 0-9-1 topic matching)
 * on Kazoo-shaped patterns and RoutingKeys: the reference matcher, and what the naive
 * design pays once per Binding of every Session for every Event.
 *
 * <p>Each case is its own method so each gets its own score. Patterns and keys are
 * non-final fields of the state, so the JIT cannot fold a call into a constant; every
 * result is returned, so JMH consumes it. The string form is measured: it splits both
 * arguments into words on every call, as a caller without pre-split words would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class MatcherBenchmark {

    private static final String CALL_ID = "5d3c61f2-1a7b-4e0c-9f27-8b1de4c0a6f3";

    String callKey = "call.CHANNEL_CREATE." + CALL_ID;
    String literal = "call.CHANNEL_CREATE." + CALL_ID;
    String starAtEnd = "call.CHANNEL_CREATE.*";
    String hashAtEnd = "call.#";
    String otherEvent = "call.CHANNEL_DESTROY.*";
    String hashFindsNothing = "#.CHANNEL_DESTROY";

    String docKey = "doc_edited.account%2F4b%2F31%2Fdd1e12b8a8f0b4e1d2e3f4a5b6c7.user.0f9e8d7c6b5a49382716a5b4c3d2e1f0";
    String hashInMiddle = "doc_edited.#.user.*";

    /** Every word equal: {@code call.CHANNEL_CREATE.<id>} against itself. */
    @Benchmark
    public boolean literalMatch() {
        return Topics.matches(literal, callKey);
    }

    /** {@code call.CHANNEL_CREATE.*}: two literals, then {@code *} takes the call id. */
    @Benchmark
    public boolean starAtEndMatch() {
        return Topics.matches(starAtEnd, callKey);
    }

    /** {@code call.#}: one literal, then {@code #} takes the two remaining words. */
    @Benchmark
    public boolean hashAtEndMatch() {
        return Topics.matches(hashAtEnd, callKey);
    }

    /** {@code doc_edited.#.user.*}: {@code #} must grow by one word before the rest fits. */
    @Benchmark
    public boolean hashInMiddleMatch() {
        return Topics.matches(hashInMiddle, docKey);
    }

    /** {@code call.CHANNEL_DESTROY.*}: fails on the second word, the usual miss. */
    @Benchmark
    public boolean literalMiss() {
        return Topics.matches(otherEvent, callKey);
    }

    /** {@code #.CHANNEL_DESTROY}: {@code #} tries every suffix of the key before giving up. */
    @Benchmark
    public boolean hashMiss() {
        return Topics.matches(hashFindsNothing, callKey);
    }
}
