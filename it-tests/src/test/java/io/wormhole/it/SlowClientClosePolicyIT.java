package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

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
    void stalledReader_outboxOverflows_isClosedWith4008_onItsSocketsThreadNotTheBrokers() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger pipeline = (Logger) LoggerFactory.getLogger("io.wormhole.gateway.ws.WebSocketPipeline");
        log.start();
        pipeline.addAppender(log);
        try {
            StalledReader story = new StalledReader(gateway);
            story.stalled.stopReading();

            story.publishPacedByTheFastClient();
            story.stalled.resumeReading();

            assertThat(story.stalled.awaitClose().code()).isEqualTo(4008);
            assertThat(story.fast.isOpen()).isTrue();
            story.fast.assertServes();
            assertThat(gateway.metric("wormhole_sessions_closed_total", "code=\"4008\"")).isEqualTo(1.0);
            // the teardown (hub and binding locks, this log line) never runs on the AMQP delivery thread
            assertThat(List.copyOf(log.list)).filteredOn(e -> e.getFormattedMessage().contains("closing with 4008"))
                    .singleElement().extracting(ILoggingEvent::getThreadName).asString()
                    .startsWith("reactor-http-");
        } finally {
            pipeline.detachAppender(log);
        }
    }
}
