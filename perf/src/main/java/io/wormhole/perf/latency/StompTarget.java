package io.wormhole.perf.latency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * RabbitMQ's Web-STOMP plugin: {@code ws://127.0.0.1:PORT/ws}, STOMP 1.2 over WebSocket.
 * A client sends CONNECT (guest/guest, heart-beats every 10 s both ways) and SUBSCRIBE to
 * {@code /exchange/callevt/call.CHANNEL_CREATE.*} with {@code ack:auto} and a receipt;
 * the RECEIPT says the subscription's queue is bound. The plugin makes one exclusive
 * queue per subscription, so every client gets every Event, as with the gateway.
 *
 * <p>Prefetch: the {@code prefetch-count} header carries the gateway's AMQP prefetch, but
 * RabbitMQ applies it only to the acknowledging modes; with {@code ack:auto} the broker
 * pushes without a window, as it does to any no-ack consumer.
 *
 * <p>A text frame may hold several STOMP frames (each ends with NUL) and bare newlines
 * (server heart-beats); each MESSAGE is one Event.
 */
final class StompTarget implements Target {
    static final String DESTINATION = "/exchange/callevt/call.CHANNEL_CREATE.*";
    private static final byte[] MESSAGE = "MESSAGE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECEIPT = "RECEIPT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "ERROR".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final int prefetch;

    StompTarget(int port, int prefetch) {
        this.port = port;
        this.prefetch = prefetch;
    }

    @Override
    public String uri() {
        return "ws://" + ProbeOptions.HOST + ":" + port + "/ws";
    }

    @Override
    public List<String> greeting(int client) {
        String connect = "CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:guest\n"
                + "heart-beat:10000,10000\n\n\0";
        String subscribe = "SUBSCRIBE\nid:sub-0\ndestination:" + DESTINATION + "\nack:auto\nprefetch-count:"
                + prefetch + "\nreceipt:probe-" + client + "\n\n\0";
        return List.of(connect, subscribe);
    }

    @Override
    public Duration keepAliveEvery() {
        return Duration.ofSeconds(5); // half the promised 10 s, so that no heart-beat is ever late
    }

    @Override
    public String keepAlive() {
        return "\n";
    }

    @Override
    public void read(byte[] frame, int length, Inbound inbound) {
        int at = 0;
        while (at < length) {
            while (at < length && (frame[at] == '\n' || frame[at] == '\r')) {
                at++; // heart-beats and the EOLs STOMP allows between frames
            }
            if (at >= length) {
                return;
            }
            int end = at;
            while (end < length && frame[end] != 0) {
                end++;
            }
            command(frame, at, end, inbound);
            at = end + 1;
        }
    }

    private static void command(byte[] b, int from, int to, Inbound inbound) {
        if (startsWith(b, from, to, MESSAGE)) {
            long stamp = Stamp.PUBLISHED.find(b, from, to);
            if (stamp != Stamp.ABSENT) {
                inbound.event(stamp);
            }
        } else if (startsWith(b, from, to, RECEIPT)) {
            inbound.ready();
        } else if (startsWith(b, from, to, ERROR)) {
            inbound.refused(new String(b, from, Math.min(to - from, 500), StandardCharsets.UTF_8));
        }
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
