package io.wormhole.gateway.routing;

import static io.wormhole.gateway.routing.HubTest.ACC_A;
import static io.wormhole.gateway.routing.HubTest.ACC_B;
import static io.wormhole.gateway.routing.HubTest.CREATE_ANY_CALL;
import static io.wormhole.gateway.routing.HubTest.call;
import static io.wormhole.gateway.routing.HubTest.callEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.PayloadForm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Hub under real threads: Subscriptions added and removed on one thread (the Sessions)
 * while another routes (the AMQP delivery thread). Every wait is bounded.
 */
class HubConcurrencyTest {

    private static final int CHURN_OPERATIONS = 200_000;
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(30);

    /** Bindings that share prefixes with the stable one, so churn creates and prunes its neighbours. */
    private static final ResolvedBinding[] CHURNED = {
        CREATE_ANY_CALL,
        call("call.#", "call.#"),
        call("call.*.abc", "call.*.abc"),
        call("call.CHANNEL_CREATE.abc", "call.CHANNEL_CREATE.abc"),
        call("call.CHANNEL_CREATE.abc.x", "call.CHANNEL_CREATE.abc.x"),
        call("call.CHANNEL_CREATE.#", "call.CHANNEL_CREATE.#"),
        call("call.*.*", "call.*.*"),
    };
    private static final String[] ACCOUNTS = {ACC_A, ACC_B, Hub.ANY_ACCOUNT};

    @Test
    @Timeout(120)
    void route_whileSubscriptionsChurnOnAnotherThread_neverThrowsAndAlwaysReachesStableSubscribers()
            throws InterruptedException {
        Hub hub = new Hub(new MessageCodec(), PayloadForm.RAW);
        CountingRecipient stable = new CountingRecipient();
        hub.add(stable, ACC_A, CREATE_ANY_CALL);
        CountingRecipient[] churners = new CountingRecipient[8];
        for (int i = 0; i < churners.length; i++) {
            churners[i] = new CountingRecipient();
        }
        byte[] body = callEvent("CHANNEL_CREATE", ACC_A);
        AtomicBoolean churning = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] routed = new long[1];

        Thread router = new Thread(() -> {
            try {
                while (churning.get()) {
                    RouteResult result = hub.route("callevt", "call.CHANNEL_CREATE.abc", body);
                    routed[0]++;
                    if (result.frames() < 1) {
                        throw new AssertionError("stable subscriber missed a delivery: " + result);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "router");
        Thread churner = new Thread(() -> {
            try {
                SplittableRandom random = new SplittableRandom(42);
                for (int i = 0; i < CHURN_OPERATIONS; i++) {
                    CountingRecipient r = churners[random.nextInt(churners.length)];
                    String account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
                    ResolvedBinding b = CHURNED[random.nextInt(CHURNED.length)];
                    if (random.nextBoolean()) {
                        hub.add(r, account, b);
                    } else {
                        hub.remove(r, account, b);
                    }
                }
                for (CountingRecipient r : churners) {
                    for (String account : ACCOUNTS) {
                        for (ResolvedBinding b : CHURNED) {
                            hub.remove(r, account, b);
                        }
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                churning.set(false);
            }
        }, "churner");

        router.start();
        churner.start();
        churner.join(JOIN_MILLIS);
        router.join(JOIN_MILLIS);

        assertThat(churner.isAlive()).as("churner finished in time").isFalse();
        assertThat(router.isAlive()).as("router finished in time").isFalse();
        assertThat(failure.get()).isNull();
        assertThat(routed[0]).isPositive();
        assertThat(stable.count).isEqualTo(routed[0]);
        assertThat(hub.patternCount()).isEqualTo(1);
        assertThat(hub.trie("callevt").nodeCount()).as("root, call, CHANNEL_CREATE, *").isEqualTo(4);

        hub.remove(stable, ACC_A, CREATE_ANY_CALL);
        assertThat(hub.isEmpty()).isTrue();
    }

    /** Counts frames; written by the routing thread only, read after it was joined. */
    private static final class CountingRecipient implements Recipient {
        long count;

        @Override
        public void deliver(byte[] frame) {
            count++;
        }
    }
}
