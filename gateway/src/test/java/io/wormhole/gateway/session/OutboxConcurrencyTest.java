package io.wormhole.gateway.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wormhole.protocol.message.MessageCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox under real threads: producers offering as fast as they can (the AMQP delivery
 * thread) against a requester signalling demand from its own thread (the event loop).
 * Every wait is bounded, so a lost wake-up fails the test instead of hanging it.
 */
class OutboxConcurrencyTest {
    private static final MessageCodec CODEC = new MessageCodec();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");

    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"DROP_OLDEST", "DROP_NEWEST"})
    @Timeout(60)
    void offer_concurrentProducerSlowConsumer_neverExceedsBoundsAndCountsEveryEvent(
            OverflowPolicy policy) throws Exception {
        int maxFrames = 32;
        long maxBytes = 150; // below 32 frames of 6 bytes: both bounds bite
        int total = 100_000;
        Outbox outbox = new Outbox(maxFrames, maxBytes, policy, CODEC);
        RecordingSubscriber consumer = new RecordingSubscriber();
        outbox.frames().subscribe(consumer);
        assertThat(consumer.awaitSubscribed(TIMEOUT)).isTrue();
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger overBound = new AtomicInteger();

        Thread requester = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(7);
            while (producing.get()) {
                consumer.request(1 + random.nextInt(4));
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(20 + random.nextInt(60)));
            }
        }, "requester");
        Thread producer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                outbox.offerEvent(("n" + i).getBytes(UTF_8));
                if (outbox.queuedEvents() > maxFrames || outbox.queuedBytes() > maxBytes) {
                    overBound.incrementAndGet();
                }
            }
            producing.set(false);
        }, "producer");
        requester.start();
        producer.start();
        producer.join(TIMEOUT.toMillis());
        requester.join(TIMEOUT.toMillis());
        outbox.close();
        consumer.request(Long.MAX_VALUE - consumer.requested());

        assertThat(consumer.awaitTerminated(TIMEOUT)).as("completed in time").isTrue();
        assertThat(consumer.error()).isNull();
        assertThat(overBound).hasValue(0);
        assertThat(consumer.violations()).isZero();
        List<Integer> events = new ArrayList<>();
        long noticed = 0;
        for (String frame : consumer.frames()) {
            if (frame.startsWith("n")) {
                events.add(Integer.parseInt(frame.substring(1)));
            } else {
                Matcher m = COUNT.matcher(frame);
                assertThat(m.find()).as("a dropped notice: %s", frame).isTrue();
                noticed += Long.parseLong(m.group(1));
            }
        }
        assertThat(events).isSorted().doesNotHaveDuplicates();
        assertThat(outbox.droppedTotal()).as("the consumer was slow enough to drop").isPositive();
        assertThat(noticed).isEqualTo(outbox.droppedTotal());
        assertThat(events.size() + noticed).isEqualTo(total);
        if (policy == OverflowPolicy.DROP_OLDEST) {
            assertThat(events.get(events.size() - 1)).isEqualTo(total - 1);
        } else {
            // Nothing is dropped before the outbox first fills (at least 150 / 6 frames).
            assertThat(events.subList(0, 25)).isEqualTo(range(0, 25));
        }
    }

    @Test
    @Timeout(60)
    void frames_concurrentProducersAndRequester_deliverEveryFrameOnceInOfferOrder()
            throws Exception {
        int producers = 4;
        int perProducer = 25_000;
        long total = (long) producers * perProducer;
        Outbox outbox = new Outbox(Integer.MAX_VALUE, Long.MAX_VALUE, OverflowPolicy.DROP_OLDEST, CODEC);
        RecordingSubscriber consumer = new RecordingSubscriber();
        outbox.frames().subscribe(consumer);
        assertThat(consumer.awaitSubscribed(TIMEOUT)).isTrue();

        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    byte[] frame = (id + ":" + i).getBytes(UTF_8);
                    if (i % 3 == 0) {
                        outbox.offerControl(frame);
                    } else {
                        outbox.offerEvent(frame);
                    }
                }
            }, "producer-" + p));
        }
        // Demand is signalled only once the previous demand is used up, so the outbox keeps
        // crossing "no demand" while producers offer: where a lost wake-up would show.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Thread requester = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(11);
            while (consumer.received() < total && System.nanoTime() < deadline) {
                if (consumer.received() >= consumer.requested()) {
                    consumer.request(1 + random.nextInt(16));
                } else {
                    Thread.onSpinWait();
                }
            }
        }, "requester");
        requester.start();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TIMEOUT.toMillis());
        }
        requester.join(TIMEOUT.toMillis());

        assertThat(consumer.received()).as("every frame delivered").isEqualTo(total);
        assertThat(consumer.violations()).isZero();
        assertThat(outbox.droppedTotal()).isZero();
        int[] next = new int[producers];
        for (String frame : consumer.frames()) {
            int colon = frame.indexOf(':');
            int id = Integer.parseInt(frame.substring(0, colon));
            assertThat(Integer.parseInt(frame.substring(colon + 1))).as("producer %d", id).isEqualTo(next[id]);
            next[id]++;
        }
        outbox.close();
        assertThat(consumer.awaitTerminated(TIMEOUT)).as("completed in time").isTrue();
        assertThat(consumer.completed()).isTrue();
    }

    /**
     * One frame offered on one thread while demand for it arrives on another, many times
     * over. Whichever call loses the race for the drain, the winner must see the other's
     * change before it stops: once both calls have returned the frame has been emitted,
     * with no later signal to rescue it.
     */
    @Test
    @Timeout(60)
    void drain_offerRacingRequest_neverStrandsAFrame() throws Exception {
        int rounds = 20_000;
        Outbox[] outboxes = new Outbox[rounds];
        RecordingSubscriber[] consumers = new RecordingSubscriber[rounds];
        for (int r = 0; r < rounds; r++) {
            outboxes[r] = new Outbox(4, 1000, OverflowPolicy.DROP_OLDEST, CODEC);
            consumers[r] = new RecordingSubscriber();
            outboxes[r].frames().subscribe(consumers[r]);
        }
        AtomicInteger arrived = new AtomicInteger();
        byte[] frame = "x".getBytes(UTF_8);
        Thread producer = new Thread(() -> {
            for (int r = 0; r < rounds; r++) {
                startTogether(arrived, r);
                if (r % 2 == 0) {
                    outboxes[r].offerEvent(frame);
                } else {
                    outboxes[r].offerControl(frame);
                }
            }
        }, "producer");
        Thread requester = new Thread(() -> {
            for (int r = 0; r < rounds; r++) {
                startTogether(arrived, r);
                consumers[r].request(1);
            }
        }, "requester");
        producer.start();
        requester.start();
        producer.join(TIMEOUT.toMillis());
        requester.join(TIMEOUT.toMillis());

        int stranded = 0;
        for (int r = 0; r < rounds; r++) {
            if (consumers[r].received() != 1) {
                stranded++;
            }
        }
        assertThat(stranded).as("rounds whose frame was left queued").isZero();
    }

    /**
     * Spins until both threads reach round {@code round}: a barrier that parks would let one
     * thread run microseconds ahead, far wider than the window being raced for.
     */
    private static void startTogether(AtomicInteger arrived, int round) {
        int target = 2 * (round + 1);
        arrived.incrementAndGet();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (arrived.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the other thread never reached round " + round);
            }
            Thread.onSpinWait();
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }
}
