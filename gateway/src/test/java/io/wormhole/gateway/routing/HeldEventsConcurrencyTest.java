package io.wormhole.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Held Events under real threads: the delivery thread releases while the timer's thread
 * expires the same Events. Virtual time cannot make the two race, so this runs the real
 * scheduler with a wait short enough that releases land before, at and after the expiry.
 * Every wait is bounded; nothing here asserts a duration.
 */
class HeldEventsConcurrencyTest {

    private static final int EVENTS = 20_000;
    private static final Duration WAIT = Duration.ofNanos(20_000);
    private static final byte[] BODY = new byte[16];

    @Test
    @Timeout(60)
    void expiryRacingRelease_endsEveryEventExactlyOnce() throws InterruptedException {
        Scheduler timer = Schedulers.newSingle("held-events-expiry");
        try {
            AtomicInteger expired = new AtomicInteger();
            AtomicInteger otherEndings = new AtomicInteger();
            CountDownLatch ended = new CountDownLatch(EVENTS);
            HeldEvents held = new HeldEvents(new AccountWait(WAIT, EVENTS, Long.MAX_VALUE, timer), result -> {
                if (result.equals(RouteResult.NO_ACCOUNT)) {
                    expired.incrementAndGet();
                } else {
                    otherEndings.incrementAndGet();
                }
                ended.countDown();
            });

            int released = 0;
            for (int i = 0; i < EVENTS; i++) {
                ScopedId id = new ScopedId("call", "leg" + i);
                assertThat(held.hold("callevt", "call.CHANNEL_CREATE.leg" + i, BODY, List.of(id))).isTrue();
                for (int spin = i % 64; spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                int n = held.release(id).size();
                released += n;
                for (int k = 0; k < n; k++) {
                    ended.countDown();
                }
            }
            assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
            // The single timer thread runs tasks in deadline order: once this one ran, every
            // expiry scheduled before it has run too, so a late duplicate would be counted.
            CountDownLatch drained = new CountDownLatch(1);
            timer.schedule(drained::countDown, WAIT.toNanos(), TimeUnit.NANOSECONDS);
            assertThat(drained.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(released + expired.get()).isEqualTo(EVENTS);
            assertThat(otherEndings.get()).isZero();
            assertThat(held.isEmpty()).isTrue();
            assertThat(held.bytes()).isZero();
        } finally {
            timer.dispose();
        }
    }
}
