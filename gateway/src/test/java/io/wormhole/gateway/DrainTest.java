package io.wormhole.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class DrainTest {
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void spread_oneSocket_closesItAtOnceButEndsOnlyWhenTheWindowHasPassed() {
        List<String> closed = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> Drain.spread(List.of("a"), WINDOW, closed::add,
                        VirtualTimeScheduler.get()))
                .expectSubscription()
                .then(() -> assertThat(closed).containsExactly("a"))
                .expectNoEvent(WINDOW.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void spread_noSocket_stillLastsTheWholeWindow() {
        StepVerifier.withVirtualTime(() -> Drain.spread(List.<String>of(), WINDOW, s -> { },
                        VirtualTimeScheduler.get()))
                .expectSubscription()
                .expectNoEvent(WINDOW.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void spread_threeSockets_closesThemEvenlyOverTheWindow() {
        List<String> closed = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> Drain.spread(List.of("a", "b", "c"), WINDOW, closed::add,
                        VirtualTimeScheduler.get()))
                .expectSubscription()
                .then(() -> assertThat(closed).containsExactly("a"))
                .thenAwait(Duration.ofSeconds(10).minusMillis(1))
                .then(() -> assertThat(closed).containsExactly("a"))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertThat(closed).containsExactly("a", "b"))
                .thenAwait(Duration.ofSeconds(10))
                .then(() -> assertThat(closed).containsExactly("a", "b", "c"))
                .expectNoEvent(Duration.ofSeconds(10).minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void spread_aCloseThatThrows_failsTheDrainWhichTheCallerThenEnds() {
        StepVerifier.withVirtualTime(() -> Drain.spread(List.of("a"), WINDOW, s -> {
                    throw new IllegalStateException("socket already gone");
                }, VirtualTimeScheduler.get()))
                .expectSubscription()
                .expectErrorMessage("socket already gone")
                .verify(BOUND);
    }
}
