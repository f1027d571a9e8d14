package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Protocol §7 under the default policy {@code drop_oldest}: a socket that stops reading
 * never slows the others, and when it reads again it is told how many events it missed.
 */
class SlowClientIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with("GATEWAY_OUTBOX_FRAMES", "50");

    @Test
    void stalledReader_doesNotSlowAFastOne_andLearnsWhatItMissed() {
        StalledReader story = new StalledReader(gateway);
        story.stalled.stopReading();

        List<String> seenByFast = story.publishPacedByTheFastClient();

        assertThat(seenByFast).hasSize(StalledReader.EVENTS);
        story.stalled.resumeReading();
        long events = 0;
        long dropped = 0;
        while (events + dropped < StalledReader.EVENTS) {
            JsonNode frame = story.stalled.poll(WsClient.WAIT);
            if (frame == null) {
                throw new AssertionError("the stalled reader, reading again, got " + events + " events and "
                        + dropped + " counted as dropped, of " + StalledReader.EVENTS + " published");
            }
            if (frame.path("action").asText().equals("notice")) {
                assertThat(frame.path("type").asText()).isEqualTo("dropped");
                assertThat(frame.at("/data/count").asLong()).isPositive();
                dropped += frame.at("/data/count").asLong();
            } else {
                assertThat(frame.path("action").asText()).isEqualTo("event");
                events++;
            }
        }
        assertThat(dropped).as("events the stalled reader missed").isPositive();
        assertThat(events + dropped).isEqualTo(StalledReader.EVENTS);
        assertThat(gateway.metric("wormhole_events_dropped_total")).as("dropped events on /metrics")
                .isEqualTo(dropped);
        story.stalled.assertServes();
        assertThat(story.fast.drain()).as("frames the fast client got beyond the published events").isEmpty();
    }
}
