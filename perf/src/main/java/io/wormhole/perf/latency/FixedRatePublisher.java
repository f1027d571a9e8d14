package io.wormhole.perf.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Publishes Kazoo-like {@code CHANNEL_CREATE} Events on {@code callevt} with routing key
 * {@code call.CHANNEL_CREATE.<call id>} at a fixed rate, as ecallmgr would (no publisher
 * confirms, persistent delivery off).
 *
 * <p><b>Schedule.</b> Event {@code i} is due at {@code t0 + i / rate}. Its payload carries
 * that intended time ({@link Stamp#PUBLISHED}), never the actual one: when a publish is
 * late (GC, a blocked socket, broker flow control) the next ones go out back to back
 * with their own earlier intended times, and the delay shows up in every latency it
 * caused. Runs on one thread of its own; the counters are read by the main thread.
 *
 * <p><b>Accounts.</b> Event {@code i} carries Account {@code accounts[i mod size]} in
 * {@code Custom-Channel-Vars.Account-ID}, so a list of several spreads the Events
 * round-robin over them.
 */
final class FixedRatePublisher implements AutoCloseable {
    static final String EXCHANGE = "callevt";
    private static final String TEMPLATE = """
            {"Event-Category":"call_event","Event-Name":"CHANNEL_CREATE","Call-ID":"%s","Call-Direction":"inbound",\
            "Caller-ID-Name":"Alice Example","Caller-ID-Number":"+14155550100",\
            "Callee-ID-Name":"Bob Example","Callee-ID-Number":"+14155550101",\
            "From":"+14155550100@sip.example.com","To":"+14155550101@sip.example.com",\
            "Request":"+14155550101@sip.example.com","Timestamp":63893923200,\
            "Channel-Call-State":"RINGING","Media-Server":"fs1.example.com",\
            "Custom-Channel-Vars":{"Account-ID":"%s","Owner-ID":"5f0c5ba2b4e4aa4f9a0b0f13b2c8c3d1",\
            "Authorizing-ID":"d0b3a8c1c3a24ef5a3c9d2b4e5f60718","Authorizing-Type":"device",\
            "Realm":"sip.example.com","Username":"alice","Account-Name":"Example Corp"},\
            "Probe-Sent-Nanos":%d,\
            "App-Name":"ecallmgr","App-Version":"4.3.0","Msg-ID":"%s","Node":"ecallmgr@fs1.example.com",\
            "Server-ID":""}""";

    private final List<String> accounts;
    private final int rate;
    private final Connection connection;
    private final Channel channel;
    private final AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
            .contentType("application/json").contentEncoding("UTF-8").build();
    private volatile long sent;
    private volatile long sentInWindow;
    private volatile long maxLateNanos;

    private FixedRatePublisher(List<String> accounts, int rate, Connection connection, Channel channel) {
        this.accounts = List.copyOf(accounts);
        this.rate = rate;
        this.connection = connection;
        this.channel = channel;
    }

    /** Connects to RabbitMQ on 127.0.0.1 as guest and makes sure {@code callevt} exists. */
    static FixedRatePublisher connect(int amqpPort, List<String> accounts, int rate)
            throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(ProbeOptions.HOST);
        factory.setPort(amqpPort);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setAutomaticRecoveryEnabled(false);
        Connection connection = factory.newConnection("wormhole-latency-probe");
        try (Channel declare = connection.createChannel()) {
            declare.exchangeDeclare(EXCHANGE, "topic", false); // as Kazoo declares it; a no-op when it exists
        } catch (IOException e) {
            connection.abort();
            throw new IOException("cannot declare exchange " + EXCHANGE + " (exists with other arguments?)", e);
        }
        return new FixedRatePublisher(accounts, rate, connection, connection.createChannel());
    }

    /**
     * Publishes every Event due in [t0, end), on schedule; returns after the last one.
     * Events due in [windowStart, end) are counted as {@link #sentInWindow()}.
     */
    void run(long t0, long windowStart, long end) throws IOException {
        Schedule schedule = new Schedule(t0, rate);
        for (long i = 0;; i++) {
            long due = schedule.due(i);
            if (due - end >= 0) {
                return;
            }
            long late = Schedule.awaitSlot(due);
            if (late > maxLateNanos) {
                maxLateNanos = late;
            }
            String callId = "probe-" + i + "-" + Long.toHexString(t0 & 0xffffffffL);
            String account = accounts.get((int) (i % accounts.size()));
            byte[] body = TEMPLATE.formatted(callId, account, due, Long.toHexString(due) + i)
                    .getBytes(StandardCharsets.UTF_8);
            channel.basicPublish(EXCHANGE, "call.CHANNEL_CREATE." + callId, properties, body);
            sent = i + 1;
            if (due - windowStart >= 0) {
                sentInWindow = sentInWindow + 1;
            }
        }
    }

    long sent() {
        return sent;
    }

    long sentInWindow() {
        return sentInWindow;
    }

    /** The most any publish started after its intended time. */
    long maxLateNanos() {
        return maxLateNanos;
    }

    @Override
    public void close() {
        try {
            connection.close(2_000);
        } catch (IOException | RuntimeException e) {
            connection.abort();
        }
    }
}
