package io.wormhole.gateway.amqp;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.CancelCallback;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;

/**
 * An amqp-client {@link Connection} without a broker, for {@link Topology} and
 * {@link AmqpSource}: its channels record every queueBind, queueUnbind, queueDeclare,
 * queueDelete and basicConsume as a {@link Call} (when it started, on which channel and
 * thread), can hold a pattern's RPCs until {@link #open released}, can refuse a pattern
 * the way the broker does (the RPC fails and the channel is closed), and can lose the
 * connection (every RPC fails as on a closed connection). Queues are named q-1, q-2, ...
 * The test plays the broker's side of a consumer: {@link #deliver}, {@link #cancelConsumer},
 * {@link #closeConsumerChannel}; acknowledgements are recorded. Any other method does
 * nothing and returns null, false or 0. Thread-safe.
 */
final class FakeConnection {
    /** One RPC as the channel saw it start. */
    record Call(String op, String pattern, int channel, String thread) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger channels = new AtomicInteger();
    private final Map<Integer, Boolean> openChannels = new ConcurrentHashMap<>();
    private final AtomicInteger queues = new AtomicInteger();
    private final List<String> acks = new ArrayList<>();
    private volatile boolean lost;
    private volatile Consumer consumer;
    final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                case "createChannel" -> newChannel();
                case "isOpen" -> !lost;
                default -> defaultValue(method.getReturnType());
            });

    /** Holds every RPC of the pattern, once started, until {@link #open}. */
    void hold(String pattern) {
        gates.put(pattern, new CountDownLatch(1));
    }

    /** Lets the pattern's held RPCs (and later ones) finish. */
    void open(String pattern) {
        gates.remove(pattern).countDown();
    }

    /** Makes every RPC of the pattern fail and close its channel. */
    void refuse(String pattern) {
        refused.add(pattern);
    }

    /** The broker closes a channel (as after a channel error). */
    void closeChannel(int number) {
        openChannels.put(number, false);
    }

    /** The connection drops: every RPC from now on fails as on a closed connection. */
    void loseConnection() {
        lost = true;
    }

    /** The connection is back (as after amqp-client's recovery). */
    void regainConnection() {
        lost = false;
    }

    /** One message to the current consumer, with the next delivery tag of its channel. */
    void deliver(String exchange, String routingKey) {
        Consumer c = consumer;
        long tag = c.tags.incrementAndGet();
        try {
            c.deliver.handle(c.tag, new com.rabbitmq.client.Delivery(
                    new Envelope(tag, false, exchange, routingKey), new AMQP.BasicProperties(), new byte[0]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The broker cancels the consumer (as when its queue is deleted). */
    void cancelConsumer() throws IOException {
        Consumer c = consumer;
        c.cancel.handle(c.tag);
    }

    /** The broker closes the consumer's channel with this reply code and text. */
    void closeConsumerChannel(int code, String text) {
        Consumer c = consumer;
        openChannels.put(c.channel, false);
        ShutdownSignalException cause = new ShutdownSignalException(false, false,
                new AMQImpl.Channel.Close(code, text, 0, 0), c.channelProxy);
        for (ShutdownListener l : c.shutdownListeners) {
            l.shutdownCompleted(cause);
        }
    }

    /** "tag multiple" for every basicAck, in order. */
    synchronized List<String> acks() {
        return List.copyOf(acks);
    }

    int channelsCreated() {
        return channels.get();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waits until at least {@code n} RPCs have started; returns them. */
    synchronized List<Call> awaitCalls(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (calls.size() < n) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("expected " + n + " RPCs to start within " + timeoutMillis
                        + " ms, saw " + calls);
            }
            wait(left);
        }
        return List.copyOf(calls);
    }

    private synchronized void started(Call call) {
        calls.add(call);
        notifyAll();
    }

    private Channel newChannel() {
        if (lost) {
            throw closedConnection();
        }
        int number = channels.incrementAndGet();
        openChannels.put(number, true);
        List<ShutdownListener> listeners = new CopyOnWriteArrayList<>();
        return (Channel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Channel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "queueBind", "queueUnbind" -> {
                        rpc(method.getName(), (String) args[2], number);
                        yield null;
                    }
                    case "queueDeclare" -> {
                        String name = "q-" + queues.incrementAndGet();
                        rpc("queueDeclare", name, number);
                        yield new AMQImpl.Queue.DeclareOk(name, 0, 0);
                    }
                    case "queueDelete" -> {
                        rpc("queueDelete", (String) args[0], number);
                        yield null;
                    }
                    case "basicConsume" -> {
                        rpc("basicConsume", (String) args[0], number);
                        consumer = new Consumer("ctag-" + number, number, (Channel) proxy, listeners,
                                (DeliverCallback) args[6], (CancelCallback) args[7]);
                        yield "ctag-" + number;
                    }
                    case "basicAck" -> {
                        synchronized (this) {
                            acks.add(args[0] + " " + args[1]);
                        }
                        yield null;
                    }
                    case "addShutdownListener" -> {
                        listeners.add((ShutdownListener) args[0]);
                        yield null;
                    }
                    case "getConnection" -> connection;
                    case "isOpen" -> openChannels.get(number);
                    case "getChannelNumber" -> number;
                    case "close", "abort" -> {
                        openChannels.put(number, false);
                        yield null;
                    }
                    case "toString" -> "fake channel " + number;
                    case "hashCode" -> number;
                    case "equals" -> proxy == args[0];
                    default -> defaultValue(method.getReturnType());
                });
    }

    private void rpc(String op, String pattern, int channel) throws IOException, InterruptedException {
        if (lost) {
            throw closedConnection();
        }
        if (!openChannels.get(channel)) {
            throw new IOException("channel " + channel + " is closed");
        }
        started(new Call(op, pattern, channel, Thread.currentThread().getName()));
        CountDownLatch gate = gates.get(pattern);
        if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
            throw new IOException("test gate for '" + pattern + "' never opened");
        }
        if (refused.contains(pattern)) {
            openChannels.put(channel, false);
            throw new IOException("NOT_FOUND - refused '" + pattern + "'");
        }
    }

    private AlreadyClosedException closedConnection() {
        return new AlreadyClosedException(new ShutdownSignalException(true, false,
                new AMQImpl.Connection.Close(320, "CONNECTION_FORCED - broker forced connection closure", 0, 0),
                connection));
    }

    /** The consumer the broker side knows of (the last basicConsume). */
    private record Consumer(String tag, int channel, Channel channelProxy, List<ShutdownListener> shutdownListeners,
            DeliverCallback deliver, CancelCallback cancel, AtomicLong tags) {
        Consumer(String tag, int channel, Channel channelProxy, List<ShutdownListener> shutdownListeners,
                DeliverCallback deliver, CancelCallback cancel) {
            this(tag, channel, channelProxy, shutdownListeners, deliver, cancel, new AtomicLong());
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
