package io.wormhole.gateway.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.wormhole.protocol.CloseCode;
import io.wormhole.protocol.message.MessageCodec;
import reactor.test.StepVerifier;

/**
 * Protocol §7, replies: replies and notices count against the outbox's frame and byte
 * bounds (apart from events, which are never evicted for them). At the bound the reader
 * is paused ({@link Outbox#roomForReplies()} waits until the writer took some); past
 * twice the frame bound the outbox fails so that the session closes with 1008.
 */
class OutboxRepliesTest {
    private static final MessageCodec CODEC = new MessageCodec();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(50);

    @Test
    void roomForReplies_belowTheBound_isThereAtOnce() {
        Outbox outbox = outbox(3, 1000);
        outbox.offerControl(frame("c1"));
        outbox.offerControl(frame("c2"));

        StepVerifier.create(outbox.roomForReplies()).expectComplete().verify(TIMEOUT);
        assertThat(outbox.readerPaused()).isFalse();
    }

    @Test
    void roomForReplies_atTheFrameBound_waitsUntilTheWriterTakesOne() {
        Outbox outbox = outbox(2, 1000);
        outbox.offerControl(frame("c1"));
        outbox.offerControl(frame("c2"));

        StepVerifier.create(outbox.roomForReplies())
                .expectSubscription()
                .expectNoEvent(QUIET)
                .then(() -> assertThat(outbox.readerPaused()).isTrue())
                .then(() -> outbox.frames().take(1).subscribe())
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(outbox.readerPaused()).isFalse();
    }

    @Test
    void roomForReplies_atTheByteBound_waits() {
        Outbox outbox = outbox(100, 8);
        outbox.offerControl(frame("12345678"));

        StepVerifier.create(outbox.roomForReplies())
                .expectSubscription()
                .expectNoEvent(QUIET)
                .then(() -> assertThat(outbox.readerPaused()).isTrue())
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(outbox.readerPaused()).isFalse();
    }

    @Test
    void roomForReplies_fullOfEventsOnly_isThereAtOnce() {
        Outbox outbox = outbox(2, 1000);
        outbox.offerEvent(frame("e1"));
        outbox.offerEvent(frame("e2"));

        StepVerifier.create(outbox.roomForReplies()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void roomForReplies_outboxClosedWhileWaiting_isReleased() {
        Outbox outbox = outbox(1, 1000);
        outbox.offerControl(frame("c1"));

        StepVerifier.create(outbox.roomForReplies())
                .expectSubscription()
                .expectNoEvent(QUIET)
                .then(() -> outbox.frames().subscribe().dispose())
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(outbox.readerPaused()).isFalse();
    }

    @Test
    void offerControl_pastTwiceTheFrameBound_failsTheOutboxWith1008AndDiscardsTheReplies() {
        Outbox outbox = outbox(2, 1000);
        for (int i = 1; i <= 4; i++) {
            outbox.offerControl(frame("c" + i));
        }
        assertThat(outbox.queuedReplies()).isEqualTo(4);

        outbox.offerControl(frame("c5"));

        assertThat(outbox.queuedReplies()).isZero();
        StepVerifier.create(outbox.frames(), 0)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(OutboxOverflowException.class,
                        o -> assertThat(o.closeCode()).isEqualTo(CloseCode.POLICY)))
                .verify(TIMEOUT);
    }

    @Test
    void eventOverflowUnderClose_stillMeans4008() {
        Outbox outbox = new Outbox(1, 1000, OverflowPolicy.CLOSE, CODEC);
        outbox.offerEvent(frame("e1"));
        outbox.offerEvent(frame("e2"));

        StepVerifier.create(outbox.frames(), 0)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(OutboxOverflowException.class,
                        o -> assertThat(o.closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER)))
                .verify(TIMEOUT);
    }

    private static Outbox outbox(int maxFrames, long maxBytes) {
        return new Outbox(maxFrames, maxBytes, OverflowPolicy.DROP_OLDEST, CODEC);
    }

    private static byte[] frame(String text) {
        return text.getBytes(UTF_8);
    }
}
