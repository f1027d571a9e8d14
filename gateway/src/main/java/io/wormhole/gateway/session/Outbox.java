package io.wormhole.gateway.session;

import io.wormhole.protocol.message.Dropped;
import io.wormhole.protocol.message.MessageCodec;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The bounded outbound queue of one Session (protocol §7): event frames from the Hub and
 * replies or notices from the Session go in; the WebSocket writer takes them out, in
 * order, only as fast as it asks for them.
 *
 * <p>Threads: {@code offerEvent}, {@code offerControl} and {@code close} may be called from
 * any thread and never block (no waiting for the writer, no I/O; a short lock at most).
 * {@link #frames()} is subscribed once, by the writer; its signals arrive on whichever
 * thread made a frame ready or asked for more. The frames are owned by the writer once
 * emitted; an offered array must not be modified afterwards (the Hub shares one array
 * between sessions).
 *
 * <h2>Design</h2>
 * <b>Structure.</b> Two FIFO queues under one lock: {@code events} (the only ones that may be
 * dropped) and {@code controls} (replies and notices, never dropped). Each queue counts
 * against the same frame and byte bounds on its own, so that neither evicts the other. At
 * the bound of controls the session's reader waits in {@link #roomForReplies()} (the socket
 * is then not read: back-pressure on a client that sends but reads none of its replies);
 * past twice the frame bound (notices and pings do not wait) the outbox fails with 1008.
 * Each control frame records how many events had been
 * queued before it ({@code afterEvent}, an event sequence number), so the writer sees both
 * kinds interleaved exactly in offer order while dropping the oldest event stays an O(1)
 * {@code pollFirst} that never touches a control frame. Dropped events only increment
 * {@code pendingDropped}; the notice is encoded when it is about to be emitted.
 *
 * <p><b>Invariant.</b> {@code events.size() <= maxFrames} and {@code queuedBytes <= maxBytes}
 * after every offer; {@code headSeq + events.size()} is the number of events ever queued, and
 * a control frame is next in line once {@code afterEvent <= headSeq}. Frames are emitted only
 * while the subscriber has outstanding demand, by at most one thread at a time: a
 * work-in-progress counter ({@code wip}) elects the emitting thread, and every offer, request
 * and close increments it after changing state, so a change made while another thread emits
 * is seen by that thread before it stops (no lost wake-up). Cancel needs no wake-up: it
 * empties the queues under the lock and the emitting thread stops at its next look. The lock
 * is never held
 * while calling the subscriber, so a subscriber that offers, requests or cancels from
 * {@code onNext} cannot deadlock.
 *
 * <p><b>Cost.</b> Per event: one uncontended lock to offer, one to take, one atomic increment
 * per drain; no allocation beyond the deque's amortised growth (a small record per control
 * frame). Memory per Session: at most {@code maxFrames} references and {@code maxBytes} of
 * event frames (frames shared with other sessions are counted in full by each), plus at
 * most {@code 2 * maxFrames} control frames (their bytes reach about {@code maxBytes} plus
 * one reply before the reader waits).
 *
 * <p><b>Left out.</b> A lock-free MPSC queue (dropping the oldest needs the producer to take
 * from the consumer's end; the lock is held for a few field updates only); a time bound on
 * queued frames (stale events are the client's to judge); per-frame completion callbacks
 * (delivery is at most once).
 */
public final class Outbox {
    private static final AtomicIntegerFieldUpdater<Outbox> WIP =
            AtomicIntegerFieldUpdater.newUpdater(Outbox.class, "wip");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Outbox, FluxSink> SINK =
            AtomicReferenceFieldUpdater.newUpdater(Outbox.class, FluxSink.class, "sink");

    /** OPEN: accepts offers. CLOSED: refuses offers, emits what is queued, then completes. */
    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    /** An event did not fit under policy CLOSE: the error is emitted, without demand. */
    private static final int FAILED = 2;
    /** Completed, errored or cancelled: nothing is queued or emitted any more. */
    private static final int DONE = 3;

    /** What one turn of the emit loop does, decided under the lock. */
    private static final int IDLE = 0;
    private static final int EMIT = 1;
    private static final int NOTICE = 2;
    private static final int COMPLETE = 3;
    private static final int FAIL = 4;

    private final int maxFrames;
    private final long maxBytes;
    private final OverflowPolicy policy;
    private final MessageCodec codec;
    private final Flux<byte[]> frames;

    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<byte[]> events = new ArrayDeque<>();
    private final ArrayDeque<Control> controls = new ArrayDeque<>();
    private long queuedBytes;
    private long headSeq;
    private long pendingDropped;
    private long droppedTotal;
    private long controlBytes;
    private MonoSink<Void> roomWaiter;
    private boolean repliesOverflowed;
    private int state = OPEN;

    private volatile int wip;
    private volatile FluxSink<byte[]> sink;

    /**
     * @param maxFrames at most this many event frames queued, at least 1
     * @param maxBytes at most this many bytes of event frames queued, at least 1
     * @param policy what happens to an event frame that does not fit
     * @param codec encodes the dropped notice
     */
    public Outbox(int maxFrames, long maxBytes, OverflowPolicy policy, MessageCodec codec) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.codec = Objects.requireNonNull(codec, "codec");
        // create, not push: a push sink reports only the first request to onRequest.
        // ERROR, not IGNORE: emitting without demand would be a bug in the drain loop, and
        // this makes it a loud one instead of a silent breach of backpressure.
        this.frames = Flux.create(this::attach, FluxSink.OverflowStrategy.ERROR);
    }

    /**
     * Queues an event frame, applying the overflow policy when it does not fit. An event
     * larger than {@code maxBytes} never fits: it is dropped (counted) without evicting the
     * others, or fails the outbox under {@link OverflowPolicy#CLOSE}.
     *
     * @return true if this frame was queued (under DROP_OLDEST older events may have been
     *     dropped to make room); false if it was dropped, the outbox overflowed (CLOSE), or
     *     the outbox is closed or cancelled (such a refusal is not counted as a drop)
     */
    public boolean offerEvent(byte[] frame) {
        int length = frame.length;
        boolean queued;
        MonoSink<Void> waiter = null;
        synchronized (lock) {
            if (state != OPEN) {
                return false;
            }
            if (fits(length)) {
                queued = true;
            } else if (policy == OverflowPolicy.DROP_OLDEST && length <= maxBytes) {
                while (!fits(length)) {
                    queuedBytes -= events.pollFirst().length;
                    headSeq++;
                    dropped();
                }
                queued = true;
            } else if (policy == OverflowPolicy.CLOSE) {
                waiter = fail();
                queued = false;
            } else {
                dropped();
                queued = false;
            }
            if (queued) {
                events.addLast(frame);
                queuedBytes += length;
            }
        }
        wake(waiter);
        drain();
        return queued;
    }

    /**
     * Queues a reply or notice frame. It is never dropped; it counts against the bounds of
     * replies (see {@link #roomForReplies()}); past twice the frame bound the outbox fails
     * with a 1008 {@link OutboxOverflowException}. It is discarded once the outbox is
     * closed, failed or cancelled.
     */
    public void offerControl(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        MonoSink<Void> waiter = null;
        synchronized (lock) {
            if (state != OPEN) {
                return;
            }
            if (controls.size() >= 2L * maxFrames) {
                repliesOverflowed = true;
                waiter = fail();
            } else {
                controls.addLast(new Control(headSeq + events.size(), frame));
                controlBytes += frame.length;
            }
        }
        wake(waiter);
        drain();
    }

    /**
     * Completes once the replies and notices queued are below the outbox's frame and byte
     * bounds: at once when they are, else when the writer has taken enough, or when the
     * outbox is over. The session's reader waits on it after each request, so a client
     * that reads none of its replies is no longer read. One waiter at a time (requests
     * are handled one at a time).
     */
    public Mono<Void> roomForReplies() {
        return Mono.create(sink -> {
            sink.onDispose(() -> {
                synchronized (lock) {
                    if (roomWaiter == sink) {
                        roomWaiter = null;
                    }
                }
            });
            MonoSink<Void> previous;
            synchronized (lock) {
                if (state != OPEN || !repliesFull()) {
                    previous = sink;
                } else {
                    previous = roomWaiter;
                    roomWaiter = sink;
                }
            }
            wake(previous);
        });
    }

    /** True while the session's reader waits for room for replies. */
    public boolean readerPaused() {
        synchronized (lock) {
            return roomWaiter != null;
        }
    }

    /** Reply and notice frames queued now. */
    public int queuedReplies() {
        synchronized (lock) {
            return controls.size();
        }
    }

    /**
     * The frames to write, in offer order, each emitted only against outstanding demand.
     * When events were dropped, the next emission first carries the dropped notice with the
     * number dropped since the previous notice. Completes once {@link #close()} was called
     * and everything queued (and a pending notice) has been emitted; errors with
     * {@link OutboxOverflowException} at once when policy CLOSE overflows. Cancelling
     * discards what is queued. A second subscriber gets an {@link IllegalStateException}.
     */
    public Flux<byte[]> frames() {
        return frames;
    }

    /** Refuses further offers; frames already queued are still emitted, then frames() completes. */
    public void close() {
        MonoSink<Void> waiter;
        synchronized (lock) {
            if (state == OPEN) {
                state = CLOSED;
            }
            waiter = takeWaiter();
        }
        wake(waiter);
        drain();
    }

    /** Event frames dropped by the overflow policy since creation. */
    public long droppedTotal() {
        synchronized (lock) {
            return droppedTotal;
        }
    }

    /** Frames queued now: events, replies and notices. */
    public int queuedFrames() {
        synchronized (lock) {
            return events.size() + controls.size();
        }
    }

    /** Event frames queued now. */
    public int queuedEvents() {
        synchronized (lock) {
            return events.size();
        }
    }

    /** Bytes of event frames queued now. */
    public long queuedBytes() {
        synchronized (lock) {
            return queuedBytes;
        }
    }

    private void attach(FluxSink<byte[]> subscriber) {
        if (!SINK.compareAndSet(this, null, subscriber)) {
            subscriber.error(new IllegalStateException("an Outbox has a single subscriber"));
            return;
        }
        subscriber.onCancel(this::cancelled);
        subscriber.onRequest(n -> drain());
        drain();
    }

    private void cancelled() {
        MonoSink<Void> waiter;
        synchronized (lock) {
            state = DONE;
            discardQueued();
            waiter = takeWaiter();
        }
        wake(waiter);
    }

    private void drain() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        int missed = 1;
        do {
            FluxSink<byte[]> subscriber = sink;
            if (subscriber != null) {
                emitReady(subscriber);
            }
            missed = WIP.addAndGet(this, -missed);
        } while (missed != 0);
    }

    /**
     * Emits while there is demand and something to emit, then a terminal signal if due.
     * Run by the one thread that won {@code wip}; decides under the lock, signals outside it.
     */
    private void emitReady(FluxSink<byte[]> subscriber) {
        for (;;) {
            if (subscriber.isCancelled()) {
                return;
            }
            boolean demand = subscriber.requestedFromDownstream() > 0;
            int step;
            byte[] frame = null;
            long notice = 0;
            MonoSink<Void> waiter = null;
            synchronized (lock) {
                if (state == DONE) {
                    step = IDLE;
                } else if (state == FAILED) {
                    state = DONE;
                    step = FAIL;
                } else if (demand && pendingDropped > 0) {
                    notice = pendingDropped;
                    pendingDropped = 0;
                    step = NOTICE;
                } else if (demand && (frame = takeNext()) != null) {
                    step = EMIT;
                    if (roomWaiter != null && !repliesFull()) {
                        waiter = takeWaiter();
                    }
                } else if (state == CLOSED && events.isEmpty() && controls.isEmpty()
                        && pendingDropped == 0) {
                    state = DONE;
                    step = COMPLETE;
                } else {
                    step = IDLE;
                }
            }
            wake(waiter);
            switch (step) {
                case EMIT -> subscriber.next(frame);
                case NOTICE -> subscriber.next(codec.encode(new Dropped(notice)));
                case COMPLETE -> {
                    subscriber.complete();
                    return;
                }
                case FAIL -> {
                    subscriber.error(repliesOverflowed ? OutboxOverflowException.replies(maxFrames, maxBytes,
                            2L * maxFrames) : new OutboxOverflowException(maxFrames, maxBytes));
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** The next frame in offer order, or null. Caller holds the lock. */
    private byte[] takeNext() {
        Control control = controls.peekFirst();
        if (control != null && control.afterEvent <= headSeq) {
            controls.pollFirst();
            controlBytes -= control.frame.length;
            return control.frame;
        }
        byte[] event = events.pollFirst();
        if (event != null) {
            queuedBytes -= event.length;
            headSeq++;
        }
        return event;
    }

    private boolean fits(int length) {
        return events.size() < maxFrames && queuedBytes + length <= maxBytes;
    }

    /** True when replies and notices fill the outbox's frame or byte bound. Caller holds the lock. */
    private boolean repliesFull() {
        return controls.size() >= maxFrames || controlBytes >= maxBytes;
    }

    /** Moves to FAILED and discards what is queued; returns the reader to release. Caller holds the lock. */
    private MonoSink<Void> fail() {
        state = FAILED;
        discardQueued();
        return takeWaiter();
    }

    /** The waiting reader, no longer registered. Caller holds the lock. */
    private MonoSink<Void> takeWaiter() {
        MonoSink<Void> waiter = roomWaiter;
        roomWaiter = null;
        return waiter;
    }

    /** Lets a waiting reader go on; never called under the lock. */
    private static void wake(MonoSink<Void> waiter) {
        if (waiter != null) {
            waiter.success();
        }
    }

    private void dropped() {
        pendingDropped++;
        droppedTotal++;
    }

    private void discardQueued() {
        headSeq += events.size();
        events.clear();
        controls.clear();
        queuedBytes = 0;
        controlBytes = 0;
        pendingDropped = 0;
    }

    /** A reply or notice, to be emitted once the first {@code afterEvent} events are gone. */
    private record Control(long afterEvent, byte[] frame) {
    }
}
