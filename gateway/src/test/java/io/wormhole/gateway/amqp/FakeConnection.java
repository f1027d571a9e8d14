package io.wormhole.gateway.amqp;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * An amqp-client {@link Connection} without a broker, for {@link Topology}: its channels
 * record every queueBind and queueUnbind as a {@link Call} (when it started, on which
 * channel and thread), can hold a pattern's RPCs until {@link #open released}, and can
 * refuse a pattern the way the broker does (the RPC fails and the channel is closed).
 * Any other method does nothing and returns null, false or 0. Thread-safe.
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
    final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                case "createChannel" -> newChannel();
                case "isOpen" -> true;
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
        int number = channels.incrementAndGet();
        openChannels.put(number, true);
        return (Channel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Channel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "queueBind", "queueUnbind" -> {
                        rpc(method.getName(), (String) args[2], number);
                        yield null;
                    }
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
