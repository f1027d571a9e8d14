package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The stalled-reader story's moving parts: a fast client and a stalled one subscribed to
 * the same calls, and a stream of large events published in batches paced by the fast
 * client (the next batch goes out once it has the previous one), so that the fast
 * client's own outbox never holds more than one batch while the stalled one's TCP
 * buffers and then outbox fill up.
 */
final class StalledReader {
    /** Events per batch: below the tiny outbox of the stories, so the fast client never overflows. */
    static final int BATCH = 20;
    /** Payload padding, so that a few thousand events are megabytes. */
    static final int PADDING = 4_000;
    /**
     * Events published: half again more bytes than the gateway's socket send buffer can
     * grow to (the kernel's {@code tcp_wmem} maximum) plus a MiB for the client's receive
     * buffer and Netty's, so that the stalled reader's outbox must overflow.
     */
    static final int EVENTS = eventsToOverflow();

    private final TestGateway gateway;
    final String account = Ids.account();
    final WsClient fast;
    final WsClient stalled;

    StalledReader(TestGateway gateway) {
        this.gateway = gateway;
        String token = gateway.token(account);
        this.fast = gateway.connect();
        this.stalled = gateway.connectWithTinyReceiveBuffer();
        fast.subscribe(token, "call.CHANNEL_CREATE.*");
        stalled.subscribe(token, "call.CHANNEL_CREATE.*");
    }

    /**
     * Publishes {@link #EVENTS} events in batches, each after the fast client received the
     * one before; returns the routing keys in publish order, as the fast client saw them.
     */
    List<String> publishPacedByTheFastClient() {
        List<String> seenByFast = new ArrayList<>();
        for (int sent = 0; sent < EVENTS; sent += BATCH) {
            List<KazooEvent> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(KazooEvent.callWithPadding(account, "CHANNEL_CREATE", Ids.id(), PADDING));
            }
            gateway.publishAll(batch);
            for (KazooEvent e : batch) {
                JsonNode frame = fast.next();
                assertThat(frame.path("action").asText()).as("the fast client's frame %s", frame)
                        .isEqualTo("event");
                assertThat(frame.path("routing_key").asText()).isEqualTo(e.routingKey());
                seenByFast.add(e.routingKey());
            }
        }
        return seenByFast;
    }

    private static int eventsToOverflow() {
        long sendBufferMax = 4L << 20;
        try {
            String[] wmem = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/tcp_wmem"))
                    .trim().split("\\s+");
            sendBufferMax = Long.parseLong(wmem[2]);
        } catch (java.io.IOException | RuntimeException notLinux) {
            // keep the common default
        }
        long events = (long) (1.5 * (sendBufferMax + (1L << 20)) / PADDING);
        return (int) ((events + BATCH - 1) / BATCH * BATCH);
    }
}
