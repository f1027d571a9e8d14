package io.wormhole.gateway.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wormhole.gateway.auth.Identity;
import io.wormhole.gateway.routing.Recipient;
import io.wormhole.protocol.CloseCode;
import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.message.Acknowledged;
import io.wormhole.protocol.message.Failure;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.message.Noop;
import io.wormhole.protocol.message.Ping;
import io.wormhole.protocol.message.Pong;
import io.wormhole.protocol.message.Reply;
import io.wormhole.protocol.message.Request;
import io.wormhole.protocol.message.ServerMessage;
import io.wormhole.protocol.message.Subscribe;
import io.wormhole.protocol.message.Subscribed;
import io.wormhole.protocol.message.Unsubscribe;
import io.wormhole.protocol.message.Unsubscribed;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One WebSocket client: its identity, its subscriptions and its outbox.
 *
 * <p>Design: requests are handed to {@link #handle} one at a time (the WebSocket layer
 * concatenates them), so at most one request is in flight per session. A request is
 * all-or-nothing: everything that can fail (decode, rate, token, account, bindings,
 * limits, authorisation, broker bindings) happens before the session's state changes,
 * and the state changes in one synchronised step. Events arrive through
 * {@link #deliver} on the delivery thread and go straight into the bounded
 * {@link Outbox}; the session never blocks that thread. {@link #close} may race with a
 * request in flight: the request's {@link BindingClaim} then gives back what it acquired
 * instead of applying.
 */
public final class Session implements Recipient {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9a-f]{32}");

    private final String id;
    private final String remoteAddress;
    private final Instant connectedAt;
    private final SessionServices services;
    private final MessageCodec codec;
    private final Outbox outbox;
    private final RateLimiter limiter;
    private final Consumer<CloseCode> closer;
    private final Credentials credentials;
    private final Disposable authDeadline;

    // guarded by this
    private final Map<Subscription, ResolvedBinding> subscriptions = new LinkedHashMap<>();
    private boolean closed;
    private String name;
    private String metadata;

    /**
     * @param closer ends the WebSocket with the given code; called at most once per
     *               reason, from any thread
     */
    public Session(String id, String remoteAddress, SessionServices services, Consumer<CloseCode> closer) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.connectedAt = Instant.now();
        this.services = services;
        this.codec = services.codec();
        SessionLimits limits = services.limits();
        this.outbox = new Outbox(limits.outboxFrames(), limits.outboxBytes(), limits.overflow(), codec);
        this.limiter = new RateLimiter(limits.rateBurst(), limits.ratePerSecond(), System.nanoTime());
        this.closer = closer;
        this.credentials = new Credentials(services.verifier(), services.verifier().clockSkew(), () -> {
            log.info("session {}: token expired; closing", id);
            closer.accept(CloseCode.TOKEN_EXPIRED);
        });
        this.authDeadline = services.timer().schedule(this::authDeadlinePassed,
                limits.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    public String id() {
        return id;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** An event frame for this session (delivery thread; never blocks). */
    @Override
    public void deliver(byte[] frame) {
        outbox.offerEvent(frame);
    }

    /** A notice for this session (any thread); never dropped. */
    public void notify(ServerMessage notice) {
        outbox.offerControl(codec.encode(notice));
    }

    /**
     * Handles one text frame and enqueues its reply. Never errors: every failure
     * becomes an error reply. Completes once the reply is queued and the outbox has room
     * for more replies (protocol §7), so the caller reads no further request meanwhile.
     */
    public Mono<Void> handle(String text) {
        Mono<Reply> reply;
        try {
            Request request = codec.decode(text);
            if (!limiter.tryAcquire(System.nanoTime())) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED, List.of(
                        "too many requests: at most " + services.limits().rateBurst() + " at once and "
                                + services.limits().ratePerSecond() + " per second"), request.requestId());
            }
            // prepare: a key the token names may first have to come from Crossbar (never
            // blocking); deferred: a request that fails before it reaches the broker
            // throws, and its error reply must still carry the request's id
            reply = services.verifier().prepare(request.authToken())
                    .then(Mono.defer(() -> dispatch(request)))
                    .onErrorResume(e -> Mono.just(failure(e, request.requestId())));
        } catch (RuntimeException e) {
            reply = Mono.just(failure(e, null));
        }
        return reply.doOnNext(this::send).then(outbox.roomForReplies());
    }

    /** Handles a binary frame: the protocol speaks JSON text only. Completes like {@link #handle}. */
    public Mono<Void> handleBinary() {
        send(Failure.of(MessageCodec.binaryFrame(), MessageCodec.newRequestId()));
        return outbox.roomForReplies();
    }

    /** Ends the WebSocket with this code (and so the session); from any thread. */
    public void closeWith(CloseCode code) {
        closer.accept(code);
    }

    /** Ends the session: drops every subscription and completes the outbox. Idempotent. */
    public void close() {
        List<Map.Entry<Subscription, ResolvedBinding>> gone;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            gone = new ArrayList<>(subscriptions.entrySet());
            subscriptions.clear();
        }
        authDeadline.dispose();
        credentials.close();
        for (Map.Entry<Subscription, ResolvedBinding> e : gone) {
            services.hub().remove(this, e.getKey().account(), e.getValue());
        }
        releaseAll(Held.of(gone));
        outbox.close();
    }

    /**
     * Protocol §6: a socket that presented no valid token within the auth timeout of its
     * upgrade is closed with 1008 (it holds a file descriptor and buffers for nothing).
     */
    private void authDeadlinePassed() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (!credentials.authenticated()) {
            log.debug("session {}: no valid token within {}; closing", id, services.limits().authTimeout());
            closer.accept(CloseCode.POLICY);
        }
    }

    /** The session's distinct bindings in the order they were first added. */
    public synchronized List<String> bindings() {
        Set<String> out = new LinkedHashSet<>();
        for (Subscription s : subscriptions.keySet()) {
            out.add(s.binding());
        }
        return List.copyOf(out);
    }

    /** The accounts this session has subscriptions in. */
    public synchronized Set<String> accounts() {
        Set<String> out = new LinkedHashSet<>();
        for (Subscription s : subscriptions.keySet()) {
            out.add(s.account());
        }
        return out;
    }

    public synchronized String name() {
        return name;
    }

    public synchronized String metadata() {
        return metadata;
    }

    private Mono<Reply> dispatch(Request request) {
        if (request instanceof Subscribe) {
            return subscribe((Subscribe) request).cast(Reply.class);
        }
        if (request instanceof Unsubscribe) {
            return Mono.just(unsubscribe((Unsubscribe) request));
        }
        if (request instanceof Ping) {
            if (request.authToken() != null) {
                credentials.authenticate(request.authToken());
            }
            return Mono.just(new Pong(request.requestId()));
        }
        if (request instanceof Noop) {
            // 4.3 checks the token of every action, so a noop authenticates like a subscribe
            credentials.authenticate(request.authToken());
            return Mono.just(new Acknowledged(request.requestId()));
        }
        throw new IllegalStateException("unhandled request type " + request.getClass());
    }

    private Mono<Subscribed> subscribe(Subscribe s) {
        Identity who = credentials.authenticate(s.authToken());
        String account = account(s.accountId(), who);
        SessionLimits limits = services.limits();
        if (s.bindings().size() > limits.maxBindingsPerRequest()) {
            throw new ProtocolException(ErrorCode.TOO_MANY_BINDINGS, "a request may name at most "
                    + limits.maxBindingsPerRequest() + " bindings; this one names " + s.bindings().size());
        }
        List<ResolvedBinding> resolved = resolve(s.bindings());
        List<ResolvedBinding> fresh = new ArrayList<>();
        String tokenNow;
        synchronized (this) {
            for (ResolvedBinding b : resolved) {
                if (!subscriptions.containsKey(new Subscription(account, b.binding()))) {
                    fresh.add(b);
                }
            }
            if (subscriptions.size() + fresh.size() > limits.maxBindings()) {
                throw new ProtocolException(ErrorCode.TOO_MANY_BINDINGS, "a socket may hold at most "
                        + limits.maxBindings() + " bindings; it holds " + subscriptions.size()
                        + " and this request adds " + fresh.size());
            }
            tokenNow = credentials.token();
        }
        List<String> named = List.copyOf(new LinkedHashSet<>(s.bindings()));
        BindingClaim claim = new BindingClaim(services.bindings());
        return services.authorizer().mayAccess(who, tokenNow, account)
                .flatMap(allowed -> allowed ? acquire(claim, fresh) : Mono.error(forbidden(who, account)))
                .then(Mono.fromSupplier(() -> apply(account, fresh, claim, s, named)))
                // every way out but a hand-over (error, cancel, closed first) gives the references back
                .doFinally(signal -> claim.release());
    }

    private static Mono<Void> acquire(BindingClaim claim, List<ResolvedBinding> fresh) {
        return Flux.fromIterable(fresh)
                .concatMap(claim::acquire)
                .then()
                .onErrorMap(e -> new ProtocolException(ErrorCode.UNAVAILABLE,
                        "the broker refused a binding: " + e.getMessage()));
    }

    private void releaseAll(List<Held> held) {
        for (Held h : held) {
            services.bindings().release(h.exchange(), h.pattern());
        }
    }

    private Subscribed apply(String account, List<ResolvedBinding> fresh, BindingClaim claim, Subscribe s,
            List<String> named) {
        synchronized (this) {
            // null: cancelled meanwhile, and the references are already given back
            if (!closed && claim.handOver()) {
                for (ResolvedBinding b : fresh) {
                    subscriptions.put(new Subscription(account, b.binding()), b);
                    services.hub().add(this, account, b);
                }
                if (s.name() != null) {
                    name = s.name();
                }
                if (s.metadata() != null) {
                    metadata = s.metadata();
                }
                return new Subscribed(s.requestId(), named, bindings());
            }
        }
        return new Subscribed(s.requestId(), named, List.of());
    }

    private Unsubscribed unsubscribe(Unsubscribe u) {
        Identity who = credentials.authenticate(u.authToken());
        String account = account(u.accountId(), who);
        List<Map.Entry<Subscription, ResolvedBinding>> gone = new ArrayList<>();
        List<String> named;
        List<String> remaining;
        synchronized (this) {
            if (u.bindings().isEmpty()) {
                named = bindings();
                gone.addAll(subscriptions.entrySet());
                subscriptions.clear();
            } else {
                named = List.copyOf(new LinkedHashSet<>(u.bindings()));
                for (String b : named) {
                    Subscription key = new Subscription(account, b);
                    ResolvedBinding rb = subscriptions.remove(key);
                    if (rb != null) {
                        gone.add(Map.entry(key, rb));
                    }
                }
            }
            for (Map.Entry<Subscription, ResolvedBinding> e : gone) {
                services.hub().remove(this, e.getKey().account(), e.getValue());
            }
            remaining = bindings();
        }
        releaseAll(Held.of(gone));
        return new Unsubscribed(u.requestId(), named, remaining);
    }

    private static String account(String requested, Identity who) {
        if (requested == null) {
            return who.accountId();
        }
        if (!requested.equals("*") && !ACCOUNT_ID.matcher(requested).matches()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST,
                    "data.account_id must be an account id (32 lower-case hex characters) or '*'");
        }
        return requested;
    }

    private List<ResolvedBinding> resolve(List<String> bindings) {
        List<ResolvedBinding> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String b : bindings) {
            if (!seen.add(b)) {
                continue;
            }
            try {
                out.add(services.catalog().resolve(b));
            } catch (ProtocolException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID_BINDING, errors, null);
        }
        return out;
    }

    private static ProtocolException forbidden(Identity who, String account) {
        return new ProtocolException(ErrorCode.FORBIDDEN, account.equals("*")
                ? "only a super-admin may subscribe to every account ('*')"
                : "account " + who.accountId() + " may not see account " + account);
    }

    private Failure failure(Throwable e, String requestId) {
        String rid = requestId != null ? requestId : MessageCodec.newRequestId();
        if (e instanceof ProtocolException) {
            return Failure.of((ProtocolException) e, rid);
        }
        log.error("session {}: request failed unexpectedly", id, e);
        return new Failure(rid, ErrorCode.UNAVAILABLE, List.of("internal error; retry later"));
    }

    private void send(Reply reply) {
        outbox.offerControl(codec.encode(reply));
    }

    private record Subscription(String account, String binding) {
    }

    /** One broker binding a subscription holds: a resolved binding holds one per AMQP pattern. */
    private record Held(String exchange, String pattern) {
        static List<Held> ofBindings(List<ResolvedBinding> bindings) {
            List<Held> out = new ArrayList<>();
            for (ResolvedBinding b : bindings) {
                for (String pattern : b.amqpPatterns()) {
                    out.add(new Held(b.exchange(), pattern));
                }
            }
            return out;
        }

        static List<Held> of(List<Map.Entry<Subscription, ResolvedBinding>> subscriptions) {
            List<ResolvedBinding> bindings = new ArrayList<>();
            for (Map.Entry<Subscription, ResolvedBinding> e : subscriptions) {
                bindings.add(e.getValue());
            }
            return ofBindings(bindings);
        }
    }
}
