package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * What a story may leave behind on its node, measured: the node's open sessions and
 * broker bindings, and the test JVM's heap in use after a full collection (the node runs
 * in this JVM). {@link #settled} waits for the counts to come back and checks that the
 * node still answers {@code /healthz} and {@code /readyz} with 200.
 */
record NodeHealth(int sessions, int brokerBindings, long heapMiB) {
    /** How much more heap a story may leave in use (the corpora and replies are garbage by then). */
    private static final long HEAP_GROWTH_LIMIT_MIB = 64;
    /** Above the unbind grace of {@link TestGateway} (1 s): bindings are released after it. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    static NodeHealth of(TestGateway gateway) {
        return new NodeHealth(gateway.node().sessionCount(), gateway.node().brokerBindings(), heapInUseMiB());
    }

    /**
     * Waits until sessions and bindings are no more than before (sockets of an earlier
     * story may still have been closing then), checks health, readiness and heap; returns the state. */
    static NodeHealth settled(TestGateway gateway, NodeHealth before) {
        TestGateway.eventually(SETTLE, () -> gateway.node().sessionCount(), n -> n <= before.sessions(),
                "sessions back to " + before.sessions());
        TestGateway.eventually(SETTLE, () -> gateway.node().brokerBindings(), n -> n <= before.brokerBindings(),
                "broker bindings back to " + before.brokerBindings());
        assertThat(gateway.get("/healthz").status()).as("/healthz").isEqualTo(200);
        assertThat(gateway.get("/readyz").status()).as("/readyz").isEqualTo(200);
        NodeHealth after = of(gateway);
        assertThat(after.heapMiB()).as("heap in use after the story, MiB (before: %d)", before.heapMiB())
                .isLessThanOrEqualTo(before.heapMiB() + HEAP_GROWTH_LIMIT_MIB);
        return after;
    }

    private static long heapInUseMiB() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }

    @Override
    public String toString() {
        return "sessions " + sessions + ", broker bindings " + brokerBindings + ", heap in use " + heapMiB + " MiB";
    }
}
