package io.wormhole.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Publishes Kazoo events on the broker, as Kazoo's own applications would: on the real
 * topic exchanges (declared when missing, as Kazoo declares them), with publisher
 * confirms, so that a publish has returned only once the broker routed the message.
 * Reconnects by itself when the broker was restarted in between. Thread-safe (one
 * publish at a time).
 */
public final class KazooPublisher implements AutoCloseable {
    private static final List<String> EXCHANGES = List.of("callevt", "configuration", "faxes", "conference",
            "sysconf");
    private static final long CONFIRM_MILLIS = 10_000;

    private final String uri;
    private Connection connection;
    private Channel channel;

    public KazooPublisher(String uri) {
        this.uri = uri;
    }

    /** Publishes one event and waits for the broker's confirm. */
    public synchronized void publish(KazooEvent event) {
        publishAll(List.of(event));
    }

    /** Publishes these events in order and waits for the broker's confirms of all. */
    public synchronized void publishAll(List<KazooEvent> events) {
        try {
            try {
                send(events);
            } catch (IOException | TimeoutException | RuntimeException first) {
                // the broker may have been restarted under us: one fresh connection, one retry
                disconnect();
                try {
                    send(events);
                } catch (IOException | TimeoutException | RuntimeException again) {
                    again.addSuppressed(first);
                    throw new IllegalStateException("cannot publish to " + TestBroker.get().description(), again);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }

    private void send(List<KazooEvent> events) throws IOException, TimeoutException, InterruptedException {
        Channel ch = channel();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").contentEncoding("UTF-8").build();
        for (KazooEvent e : events) {
            ch.basicPublish(e.exchange(), e.routingKey(), props, e.payload().getBytes(StandardCharsets.UTF_8));
        }
        ch.waitForConfirmsOrDie(CONFIRM_MILLIS);
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (connection == null || !connection.isOpen()) {
            ConnectionFactory factory = new ConnectionFactory();
            try {
                factory.setUri(uri);
            } catch (Exception e) {
                throw new IllegalArgumentException("bad broker URI", e);
            }
            factory.setAutomaticRecoveryEnabled(false);
            connection = factory.newConnection("wormhole-it-publisher");
        }
        for (String exchange : EXCHANGES) {
            ensureExchange(exchange);
        }
        channel = connection.createChannel();
        channel.confirmSelect();
        return channel;
    }

    private void ensureExchange(String exchange) throws IOException, TimeoutException {
        try (Channel probe = connection.createChannel()) {
            probe.exchangeDeclarePassive(exchange);
            return;
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException missing) {
            // 404: the passive declare closed the probe channel; declare it for real below
        }
        try (Channel declare = connection.createChannel()) {
            declare.exchangeDeclare(exchange, "topic", false);
        }
    }

    private void disconnect() {
        Connection c = connection;
        connection = null;
        channel = null;
        if (c != null && c.isOpen()) {
            try {
                c.close(2000);
            } catch (IOException | RuntimeException e) {
                // already gone with the broker
            }
        }
    }
}
