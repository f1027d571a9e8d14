package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protocol §7 under the policy {@code close}: a socket whose outbox overflows is closed
 * with 4008, so that its client reconnects and resubscribes; the fast one is untouched.
 */
class SlowClientClosePolicyIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with(
            "GATEWAY_OUTBOX_FRAMES", "50",
            "GATEWAY_OVERFLOW", "close");

    @Test
    void stalledReader_outboxOverflows_isClosedWith4008() {
        StalledReader story = new StalledReader(gateway);
        story.stalled.stopReading();

        story.publishPacedByTheFastClient();
        story.stalled.resumeReading();

        assertThat(story.stalled.awaitClose().code()).isEqualTo(4008);
        assertThat(story.fast.isOpen()).isTrue();
        story.fast.assertServes();
    }
}
