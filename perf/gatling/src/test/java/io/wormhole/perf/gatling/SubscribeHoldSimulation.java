package io.wormhole.perf.gatling;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * Ramp, subscribe, hold: {@code users} WebSocket users arrive evenly over {@code ramp};
 * each connects to the gateway, subscribes with a valid RS256 token to one account of a
 * pool and one binding of a mix, checks the success reply, then holds its socket for
 * {@code hold} while {@link CallEventPublisher} pushes call Events on {@code callevt}.
 * Gatling's report times {@code connect} (the WebSocket handshake) and {@code subscribe}
 * (request to reply); the pushed Events are counted per user from
 * {@code ws.processUnmatchedMessages} once a second and compared with what was published
 * by {@link DeliveryTally}, whose summary is printed and written after the run.
 *
 * <p>Settings: {@link LoadSettings}. Run it with perf/run-gatling.sh, which starts the
 * gateway with the matching key; {@code mvn verify} only compiles it.
 */
public class SubscribeHoldSimulation extends Simulation {
    private static final String RECEIPTS = "receipts";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final List<CallBinding> bindings = settings.bindings().stream().map(CallBinding::parse).toList();
    private final AccountTokens tokens = signTokens(settings);
    private final DeliveryTally tally = new DeliveryTally();
    private CallEventPublisher publisher;
    private Thread publishing;
    private long publishStartNanos;

    {
        ScenarioBuilder subscribeHold = scenario("subscribe-hold")
                .exec(this::assignAccountAndBinding)
                .exec(ws("connect").connect("/"))
                .exec(ws("subscribe").sendText(this::subscribeRequest)
                        .await(SUBSCRIBE_TIMEOUT).on(ws.checkTextMessage("subscribe reply")
                                .matching(jsonPath("$.request_id").isEL("#{requestId}"))
                                .check(jsonPath("$.status").is("success"))))
                .exec(this::markSubscribed)
                .exitHereIfFailed()
                .during(settings.hold()).on(pause(POLL).exec(countPushes()))
                .exec(countPushes())
                .exec(session -> {
                    tally.finished(receipts(session));
                    return session;
                })
                .exec(ws("close").close());

        setUp(subscribeHold.injectOpen(rampUsers(settings.users()).during(settings.ramp())))
                .protocols(http.wsBaseUrl(settings.wsUrl()).wsUnmatchedInboundMessageBufferSize(settings.bufferSize()))
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void before() {
        try {
            publisher = CallEventPublisher.connect(settings.amqpHost(), settings.amqpPort(), tokens.accountIds(),
                    settings.events(), settings.rate());
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot connect the publisher to AMQP on " + settings.amqpHost() + ":"
                    + settings.amqpPort(), e);
        }
        long start = System.nanoTime();
        publishStartNanos = start + settings.publishStart().toNanos();
        publishing = publisher.startPublishing(publishStartNanos, start + settings.publishEnd().toNanos());
        System.out.printf("PUBLISH %d events/s on %s over %d accounts, from +%ds to +%ds%n", settings.rate(),
                CallEventPublisher.EXCHANGE, tokens.size(), settings.publishStart().toSeconds(),
                settings.publishEnd().toSeconds());
    }

    @Override
    public void after() {
        try {
            publishing.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        if (publisher.failure() != null) {
            System.out.println("EVENTS publisher failed: " + publisher.failure());
        }
        DeliveryTally.Summary summary = tally.summarize(publisher.events(), publisher::published, publishStartNanos);
        long total = publisher.total();
        System.out.printf("EVENTS publisher_max_late_ms=%.1f%n", publisher.maxLateNanos() / 1e6);
        System.out.print(summary.text(total));
        try {
            summary.write(settings.summaryFile(), total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("EVENTS summary: " + settings.summaryFile().toAbsolutePath());
    }

    /** User n (from 1) gets account (n-1) mod K and binding ((n-1) / K) mod B: every pair alike. */
    private Session assignAccountAndBinding(Session session) {
        long n = session.userId() - 1;
        int account = (int) (n % tokens.size());
        CallBinding binding = bindings.get((int) (n / tokens.size() % bindings.size()));
        return session
                .set(RECEIPTS, new UserReceipts(session.userId(), account, tokens.idOf(account), binding))
                .set("requestId", "sub-" + session.userId());
    }

    private String subscribeRequest(Session session) {
        UserReceipts r = receipts(session);
        return "{\"action\":\"subscribe\",\"auth_token\":\"" + tokens.tokenOf(r.account) + "\",\"request_id\":\""
                + session.getString("requestId") + "\",\"data\":{\"account_id\":\"" + r.accountId
                + "\",\"binding\":\"" + r.binding.text() + "\"}}";
    }

    private Session markSubscribed(Session session) {
        if (session.isFailed()) {
            tally.notSubscribed();
        } else {
            receipts(session).subscribedAtNanos = System.nanoTime();
        }
        return session;
    }

    private ActionBuilder countPushes() {
        return ws.processUnmatchedMessages((frames, session) -> {
            receipts(session).count(frames, settings.bufferSize());
            return session;
        });
    }

    private static UserReceipts receipts(Session session) {
        return session.get(RECEIPTS);
    }

    private static AccountTokens signTokens(LoadSettings settings) {
        try {
            return AccountTokens.sign(settings.keysDir(), settings.accounts(), TOKEN_LIFETIME);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the accounts' tokens", e);
        }
    }
}
