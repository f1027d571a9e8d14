package io.wormhole.gateway.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wormhole.protocol.message.Dropped;
import io.wormhole.protocol.message.MessageCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class OutboxTest {
    private static final MessageCodec CODEC = new MessageCodec();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(50);

    @Test
    void frames_eventsAndControls_emittedInOfferOrder() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);
        outbox.offerEvent(frame("e1"));
        outbox.offerControl(frame("c1"));
        outbox.offerEvent(frame("e2"));
        outbox.offerEvent(frame("e3"));
        outbox.offerControl(frame("c2"));

        StepVerifier.create(texts(outbox))
                .expectNext("e1", "c1", "e2", "e3", "c2")
                .then(outbox::close)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void frames_noDemand_emitsNothingThenOneFramePerRequest() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);
        outbox.offerEvent(frame("e1"));
        outbox.offerControl(frame("c1"));
        outbox.offerEvent(frame("e2"));

        StepVerifier.create(texts(outbox), 0)
                .expectSubscription()
                .expectNoEvent(QUIET)
                .thenRequest(1)
                .expectNext("e1")
                .expectNoEvent(QUIET)
                .thenRequest(2)
                .expectNext("c1", "e2")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void frames_offeredWhileDemandOutstanding_emittedAtOnce() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);

        StepVerifier.create(texts(outbox), 5)
                .expectSubscription()
                .then(() -> outbox.offerEvent(frame("e1")))
                .expectNext("e1")
                .then(() -> outbox.offerControl(frame("c1")))
                .expectNext("c1")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void offer_outboxFull_dropsOldestAndCounts() {
        Outbox outbox = outbox(3, 1000, OverflowPolicy.DROP_OLDEST);
        for (int i = 1; i <= 5; i++) {
            assertThat(outbox.offerEvent(frame("e" + i))).isTrue();
        }

        assertThat(outbox.queuedEvents()).isEqualTo(3);
        assertThat(outbox.queuedBytes()).isEqualTo(6);
        assertThat(outbox.droppedTotal()).isEqualTo(2);
        StepVerifier.create(texts(outbox))
                .expectNext(notice(2), "e3", "e4", "e5")
                .then(outbox::close)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void offer_outboxFullByBytes_dropsOldestUntilTheFrameFits() {
        Outbox outbox = outbox(100, 10, OverflowPolicy.DROP_OLDEST);
        outbox.offerEvent(frame("aaaa"));
        outbox.offerEvent(frame("bbbb"));
        outbox.offerEvent(frame("cc"));
        assertThat(outbox.queuedBytes()).isEqualTo(10);

        assertThat(outbox.offerEvent(frame("ddd"))).isTrue();

        assertThat(outbox.queuedBytes()).isEqualTo(9);
        assertThat(outbox.queuedEvents()).isEqualTo(3);
        assertThat(outbox.droppedTotal()).isEqualTo(1);
        StepVerifier.create(texts(outbox))
                .expectNext(notice(1), "bbbb", "cc", "ddd")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void offer_outboxFull_dropsNewestAndCounts() {
        Outbox outbox = outbox(3, 1000, OverflowPolicy.DROP_NEWEST);
        for (int i = 1; i <= 3; i++) {
            assertThat(outbox.offerEvent(frame("e" + i))).isTrue();
        }

        assertThat(outbox.offerEvent(frame("e4"))).isFalse();
        assertThat(outbox.offerEvent(frame("e5"))).isFalse();

        assertThat(outbox.droppedTotal()).isEqualTo(2);
        StepVerifier.create(texts(outbox))
                .expectNext(notice(2), "e1", "e2", "e3")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void offer_outboxFullByBytes_dropsNewestAndCounts() {
        Outbox outbox = outbox(100, 6, OverflowPolicy.DROP_NEWEST);
        outbox.offerEvent(frame("aaaa"));

        assertThat(outbox.offerEvent(frame("bbb"))).isFalse();
        assertThat(outbox.offerEvent(frame("cc"))).isTrue();

        assertThat(outbox.droppedTotal()).isEqualTo(1);
        StepVerifier.create(texts(outbox))
                .expectNext(notice(1), "aaaa", "cc")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"DROP_OLDEST", "DROP_NEWEST"})
    void offer_eventLargerThanMaxBytes_droppedWithoutEvictingOthers(OverflowPolicy policy) {
        Outbox outbox = outbox(10, 8, policy);
        outbox.offerEvent(frame("ab"));
        outbox.offerEvent(frame("cd"));

        assertThat(outbox.offerEvent(frame("123456789"))).isFalse();

        assertThat(outbox.queuedEvents()).isEqualTo(2);
        assertThat(outbox.droppedTotal()).isEqualTo(1);
        StepVerifier.create(texts(outbox))
                .expectNext(notice(1), "ab", "cd")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void offer_closePolicyOverflowWithoutDemand_errorsAtOnceAndDiscardsQueue() {
        Outbox outbox = outbox(2, 1000, OverflowPolicy.CLOSE);
        outbox.offerEvent(frame("e1"));
        outbox.offerControl(frame("c1"));
        outbox.offerEvent(frame("e2"));
        AtomicBoolean accepted = new AtomicBoolean(true);

        StepVerifier.create(texts(outbox), 0)
                .expectSubscription()
                .expectNoEvent(QUIET)
                .then(() -> accepted.set(outbox.offerEvent(frame("e3"))))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(OutboxOverflowException.class)
                        .hasMessageContaining("slow consumer"))
                .verify(TIMEOUT);

        assertThat(accepted).isFalse();
        assertThat(outbox.queuedEvents()).isZero();
        assertThat(outbox.queuedBytes()).isZero();
        assertThat(outbox.droppedTotal()).isZero();
        assertThat(outbox.offerEvent(frame("e4"))).isFalse();
    }

    @Test
    void offer_closePolicyOverflowBeforeSubscribe_errorsOnSubscribe() {
        Outbox outbox = outbox(100, 4, OverflowPolicy.CLOSE);
        assertThat(outbox.offerEvent(frame("1234"))).isTrue();

        assertThat(outbox.offerEvent(frame("5"))).isFalse();

        StepVerifier.create(texts(outbox), 0)
                .expectError(OutboxOverflowException.class)
                .verify(TIMEOUT);
    }

    @Test
    void notice_afterDrops_emittedOnceWithExactCountWhenDemandReturns() {
        Outbox outbox = outbox(2, 1000, OverflowPolicy.DROP_OLDEST);

        StepVerifier.create(texts(outbox), 0)
                .expectSubscription()
                .then(() -> offerEvents(outbox, 1, 7))
                .expectNoEvent(QUIET)
                .thenRequest(1)
                .expectNext(notice(5))
                .thenRequest(2)
                .expectNext("e6", "e7")
                .then(() -> offerEvents(outbox, 8, 10))
                .thenRequest(10)
                .expectNext(notice(1), "e9", "e10")
                .expectNoEvent(QUIET)
                .then(outbox::close)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(outbox.droppedTotal()).isEqualTo(6);
    }

    @Test
    void notice_dropsPendingAtClose_emittedBeforeCompletion() {
        Outbox outbox = outbox(1, 1000, OverflowPolicy.DROP_NEWEST);
        outbox.offerEvent(frame("e1"));
        outbox.offerEvent(frame("e2"));
        outbox.close();

        StepVerifier.create(texts(outbox), 0)
                .expectSubscription()
                .expectNoEvent(QUIET)
                .thenRequest(1)
                .expectNext(notice(1))
                .thenRequest(1)
                .expectNext("e1")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void offerControl_outboxFull_neverDroppedNorCounted() {
        Outbox outbox = outbox(2, 10, OverflowPolicy.DROP_OLDEST);
        outbox.offerControl(frame("c0"));
        outbox.offerEvent(frame("e1"));
        outbox.offerEvent(frame("e2"));
        outbox.offerControl(frame("c1"));
        String large = "c".repeat(100);
        outbox.offerControl(frame(large));
        outbox.offerEvent(frame("e3"));
        outbox.offerEvent(frame("e4"));

        assertThat(outbox.queuedEvents()).isEqualTo(2);
        assertThat(outbox.queuedBytes()).isEqualTo(4);
        assertThat(outbox.droppedTotal()).isEqualTo(2);
        StepVerifier.create(texts(outbox))
                .expectNext(notice(2), "c0", "c1", large, "e3", "e4")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void offer_dropOldestPastAControl_controlKeepsItsPlaceAfterSurvivingEvents() {
        Outbox outbox = outbox(2, 1000, OverflowPolicy.DROP_OLDEST);
        outbox.offerEvent(frame("e1"));
        outbox.offerEvent(frame("e2"));
        outbox.offerControl(frame("c1"));
        outbox.offerEvent(frame("e3"));

        StepVerifier.create(texts(outbox))
                .expectNext(notice(1), "e2", "c1", "e3")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void close_withQueuedFrames_emitsThemOnDemandThenCompletes() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);
        outbox.offerEvent(frame("e1"));
        outbox.offerControl(frame("c1"));
        outbox.offerEvent(frame("e2"));

        StepVerifier.create(texts(outbox), 0)
                .expectSubscription()
                .then(outbox::close)
                .expectNoEvent(QUIET)
                .thenRequest(2)
                .expectNext("e1", "c1")
                .expectNoEvent(QUIET)
                .thenRequest(1)
                .expectNext("e2")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void close_emptyOutbox_completesWithoutDemand() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);

        StepVerifier.create(texts(outbox), 0)
                .expectSubscription()
                .expectNoEvent(QUIET)
                .then(outbox::close)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void offer_afterClose_refusedAndNotCounted() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);
        outbox.close();

        assertThat(outbox.offerEvent(frame("e1"))).isFalse();
        outbox.offerControl(frame("c1"));

        assertThat(outbox.droppedTotal()).isZero();
        assertThat(outbox.queuedEvents()).isZero();
        StepVerifier.create(texts(outbox)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void cancel_discardsQueuedFramesAndRefusesOffers() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);
        outbox.offerEvent(frame("e1"));
        outbox.offerEvent(frame("e2"));

        StepVerifier.create(texts(outbox), 1)
                .expectNext("e1")
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(outbox.queuedEvents()).isZero();
        assertThat(outbox.queuedBytes()).isZero();
        assertThat(outbox.offerEvent(frame("e3"))).isFalse();
    }

    @Test
    void frames_secondSubscriber_errorsAndFirstKeepsReceiving() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);
        List<String> received = new CopyOnWriteArrayList<>();
        Disposable first = texts(outbox).subscribe(received::add);
        try {
            StepVerifier.create(outbox.frames())
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessage("an Outbox has a single subscriber"))
                    .verify(TIMEOUT);

            outbox.offerEvent(frame("e1"));

            assertThat(received).containsExactly("e1");
        } finally {
            first.dispose();
        }
    }

    @Test
    void queuedBytes_framesEmitted_countsOnlyQueuedEvents() {
        Outbox outbox = outbox(10, 1000, OverflowPolicy.DROP_OLDEST);
        outbox.offerEvent(frame("ab"));
        outbox.offerControl(frame("control"));
        outbox.offerEvent(frame("cde"));
        assertThat(outbox.queuedEvents()).isEqualTo(2);
        assertThat(outbox.queuedBytes()).isEqualTo(5);

        StepVerifier.create(texts(outbox), 1)
                .expectNext("ab")
                .then(() -> assertThat(outbox.queuedBytes()).isEqualTo(3))
                .thenRequest(2)
                .expectNext("control", "cde")
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(outbox.queuedEvents()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"0, 10", "-1, 10", "10, 0", "10, -5"})
    void new_boundBelowOne_rejected(int maxFrames, long maxBytes) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Outbox(maxFrames, maxBytes, OverflowPolicy.DROP_OLDEST, CODEC));
    }

    private static Outbox outbox(int maxFrames, long maxBytes, OverflowPolicy policy) {
        return new Outbox(maxFrames, maxBytes, policy, CODEC);
    }

    private static void offerEvents(Outbox outbox, int from, int to) {
        for (int i = from; i <= to; i++) {
            outbox.offerEvent(frame("e" + i));
        }
    }

    private static Flux<String> texts(Outbox outbox) {
        return outbox.frames().map(bytes -> new String(bytes, UTF_8));
    }

    private static byte[] frame(String text) {
        return text.getBytes(UTF_8);
    }

    private static String notice(long count) {
        return new String(CODEC.encode(new Dropped(count)), UTF_8);
    }
}
