package io.wormhole.gateway.session;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A subscriber for the concurrency tests that records frames as text and checks the two
 * Reactive Streams rules the outbox must keep under races: onNext never overlaps itself,
 * and never exceeds the demand signalled so far. It requests nothing on its own.
 */
final class RecordingSubscriber implements Subscriber<byte[]> {
    private final ConcurrentLinkedQueue<String> frames = new ConcurrentLinkedQueue<>();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger inOnNext = new AtomicInteger();
    private final AtomicInteger violations = new AtomicInteger();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile Subscription subscription;
    private volatile Throwable error;
    private volatile boolean completed;

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        subscribed.countDown();
    }

    @Override
    public void onNext(byte[] frame) {
        if (inOnNext.getAndIncrement() != 0) {
            violations.incrementAndGet();
        }
        if (received.incrementAndGet() > requested.get()) {
            violations.incrementAndGet();
        }
        frames.add(new String(frame, UTF_8));
        inOnNext.decrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        completed = true;
        terminated.countDown();
    }

    /** Adds demand; counted before it is signalled so that onNext can check against it. */
    void request(long n) {
        requested.addAndGet(n);
        subscription.request(n);
    }

    long requested() {
        return requested.get();
    }

    long received() {
        return received.get();
    }

    int violations() {
        return violations.get();
    }

    List<String> frames() {
        return new ArrayList<>(frames);
    }

    Throwable error() {
        return error;
    }

    boolean completed() {
        return completed;
    }

    boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean awaitTerminated(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
