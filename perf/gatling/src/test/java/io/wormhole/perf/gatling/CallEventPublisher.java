package io.wormhole.perf.gatling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Plays Kazoo's ecallmgr during the hold: publishes call Events on exchange
 * {@code callevt} with routing key {@code call.<EVENT>.<call id>} and the account in
 * {@code Custom-Channel-Vars.Account-ID}, at a fixed rate, on a thread of its own.
 *
 * <p>Event {@code i} is due at {@code start + i / rate}; it goes to account
 * {@code i mod accounts} and is of event name {@code (i / accounts) mod events}, so every
 * (account, event name) pair gets the same share. The counts per pair are what the
 * users' receipts are compared with ({@link #published}). A late publish is not skipped:
 * the next ones go out back to back, and the worst lateness is reported.
 */
final class CallEventPublisher implements AutoCloseable {
    static final String EXCHANGE = "callevt";
    private static final String TEMPLATE = """
            {"Event-Category":"call_event","Event-Name":"%s","Call-ID":"%s","Call-Direction":"inbound",\
            "Caller-ID-Name":"Alice Example","Caller-ID-Number":"+14155550100",\
            "Callee-ID-Name":"Bob Example","Callee-ID-Number":"+14155550101",\
            "From":"+14155550100@sip.example.com","To":"+14155550101@sip.example.com",\
            "Request":"+14155550101@sip.example.com","Timestamp":63893923200,\
            "Channel-Call-State":"RINGING","Media-Server":"fs1.example.com",\
            "Custom-Channel-Vars":{"Account-ID":"%s","Owner-ID":"5f0c5ba2b4e4aa4f9a0b0f13b2c8c3d1",\
            "Authorizing-ID":"d0b3a8c1c3a24ef5a3c9d2b4e5f60718","Authorizing-Type":"device",\
            "Realm":"sip.example.com","Username":"alice","Account-Name":"Example Corp"},\
            "App-Name":"ecallmgr","App-Version":"4.3.0","Msg-ID":"%s","Node":"ecallmgr@fs1.example.com"}""";

    private final List<String> accounts;
    private final List<String> events;
    private final int rate;
    private final Connection connection;
    private final Channel channel;
    private final AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
            .contentType("application/json").contentEncoding("UTF-8").build();
    private final AtomicLongArray published;
    private volatile long maxLateNanos;
    private volatile IOException failure;

    private CallEventPublisher(List<String> accounts, List<String> events, int rate, Connection connection, Channel channel) {
        this.accounts = accounts;
        this.events = events;
        this.rate = rate;
        this.connection = connection;
        this.channel = channel;
        this.published = new AtomicLongArray(accounts.size() * events.size());
    }

    /** Connects as guest and makes sure {@code callevt} exists (declared as Kazoo does). */
    static CallEventPublisher connect(String host, int port, List<String> accounts, List<String> events, int rate)
            throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setAutomaticRecoveryEnabled(false);
        Connection connection = factory.newConnection("wormhole-gatling-publisher");
        try {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(EXCHANGE, "topic", false);
            return new CallEventPublisher(List.copyOf(accounts), List.copyOf(events), rate, connection, channel);
        } catch (IOException e) {
            connection.abort();
            throw e;
        }
    }

    /** Starts a daemon thread that publishes every Event due in [start, end) (nanoTime). */
    Thread startPublishing(long start, long end) {
        Thread thread = new Thread(() -> {
            try {
                publish(start, end);
            } catch (IOException e) {
                failure = e;
            }
        }, "callevt-publisher");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void publish(long start, long end) throws IOException {
        String run = Long.toHexString(System.currentTimeMillis());
        for (long i = 0;; i++) {
            long due = start + i * 1_000_000_000L / rate;
            if (due - end >= 0) {
                return;
            }
            long wait = due - System.nanoTime();
            while (wait > 0) {
                LockSupport.parkNanos(wait);
                wait = due - System.nanoTime();
            }
            maxLateNanos = Math.max(maxLateNanos, -wait);
            int account = (int) (i % accounts.size());
            int event = (int) (i / accounts.size() % events.size());
            String callId = "gatling-" + run + "-" + i;
            byte[] body = TEMPLATE.formatted(events.get(event), callId, accounts.get(account), run + i)
                    .getBytes(StandardCharsets.UTF_8);
            channel.basicPublish(EXCHANGE, "call." + events.get(event) + "." + callId, properties, body);
            published.incrementAndGet(account * events.size() + event);
        }
    }

    /** How many Events of this name were published for this account so far. */
    long published(int account, String eventName) {
        int event = events.indexOf(eventName);
        return event < 0 ? 0 : published.get(account * events.size() + event);
    }

    /** How many Events were published in all so far. */
    long total() {
        long sum = 0;
        for (int i = 0; i < published.length(); i++) {
            sum += published.get(i);
        }
        return sum;
    }

    List<String> events() {
        return events;
    }

    long maxLateNanos() {
        return maxLateNanos;
    }

    /** The publish error that stopped the thread, if any. */
    IOException failure() {
        return failure;
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
