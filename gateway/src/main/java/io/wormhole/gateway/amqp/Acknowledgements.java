package io.wormhole.gateway.amqp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * When the deliveries of one consumer are acknowledged: each after it was routed, in
 * batches of {@code batch} (one {@code basic.ack} with {@code multiple=true} covers
 * them all), and at the latest {@code delay} after the first unacknowledged one was
 * routed. The delay is what keeps a quiet node alive: without it, a few deliveries short
 * of a batch would stay unacknowledged until the broker's {@code consumer_timeout}
 * (30 min by default in RabbitMQ) closed the consumer's channel.
 *
 * <p>Threading: {@link #routed} is called on the consumer thread, the timer fires on the
 * given scheduler; both hold this object's monitor while they acknowledge, so the acks
 * of one channel go out in delivery-tag order and no tag is acknowledged twice (a second
 * ack of a tag is a channel error). One instance per consumer: delivery tags belong to
 * its channel, and {@link #close} drops what is pending when that channel is gone.
 */
final class Acknowledgements {
    private final int batch;
    private final Duration delay;
    private final Scheduler timer;
    private Runnable ackThroughLast;
    private int pending;
    private Disposable due;
    private boolean closed;

    /**
     * @param batch deliveries acknowledged together (at least 1)
     * @param delay longest time a routed delivery waits for its acknowledgement
     * @param timer runs the delayed acknowledgement
     */
    Acknowledgements(int batch, Duration delay, Scheduler timer) {
        this.batch = Math.max(1, batch);
        this.delay = delay;
        this.timer = timer;
    }

    /**
     * One more delivery was routed; {@code ackThroughHere} acknowledges it and every
     * earlier one of the channel ({@code multiple=true}) and must not throw.
     */
    synchronized void routed(Runnable ackThroughHere) {
        if (closed) {
            return;
        }
        ackThroughLast = ackThroughHere;
        if (++pending >= batch) {
            flush();
        } else if (due == null) {
            due = timer.schedule(this::flushDue, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The channel is gone: nothing pending can be acknowledged any more. */
    synchronized void close() {
        closed = true;
        ackThroughLast = null;
        if (due != null) {
            due.dispose();
            due = null;
        }
    }

    private synchronized void flushDue() {
        due = null;
        if (!closed) {
            flush();
        }
    }

    private void flush() {
        Runnable ack = ackThroughLast;
        ackThroughLast = null;
        pending = 0;
        if (due != null) {
            due.dispose();
            due = null;
        }
        if (ack != null) {
            ack.run();
        }
    }
}
