package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Protocol §2 ({@code auth_token} refresh) and §9 (4401): a socket lives as long as its
 * newest valid token. The node allows no clock skew, so a token's {@code exp} is the
 * moment its socket ends. "Not closed at the old expiry" is shown against a control
 * socket holding the same short token, which is closed with 4401: once it is, the old
 * expiry has passed.
 */
class TokenLifecycleIT {
    private static final Duration SHORT = Duration.ofSeconds(3);

    @RegisterExtension
    static final TestGateway gateway = TestGateway.with("GATEWAY_CLOCK_SKEW", "0s");

    private final String account = Ids.account();

    @Test
    void token_expiringWithoutRefresh_closesTheSocketWith4401AtItsExpiry() {
        Instant expiry = soon();
        WsClient client = gateway.connect();
        client.subscribe(gateway.issuer().token(account, expiry), "call.CHANNEL_CREATE.*");

        int code = client.awaitClose().code();

        Instant closedAt = Instant.now();
        assertThat(code).isEqualTo(4401);
        assertThat(closedAt).as("closed at the token's expiry, not before").isAfterOrEqualTo(expiry.minusMillis(100));
    }

    @ParameterizedTest(name = "refreshed by a {0}")
    @ValueSource(strings = {"ping", "subscribe"})
    void token_refreshedBeforeExpiry_keepsTheSocketOpenAndDelivering(String how) {
        Instant expiry = soon();
        String shortToken = gateway.issuer().token(account, expiry);
        WsClient control = gateway.connect();
        control.subscribe(shortToken, "call.CHANNEL_CREATE.*");
        WsClient refreshed = gateway.connect();
        refreshed.subscribe(shortToken, "call.CHANNEL_CREATE.*");

        String fresh = gateway.token(account);
        JsonNode reply = how.equals("ping")
                ? refreshed.request("refresh-1", """
                        {"action":"ping","request_id":"refresh-1","auth_token":%s}""".formatted(Json.quote(fresh)))
                : refreshed.request("refresh-1", """
                        {"action":"subscribe","request_id":"refresh-1","auth_token":%s,
                         "data":{"binding":"fax.status.*"}}""".formatted(Json.quote(fresh)));
        assertThat(reply.path("status").asText()).as("reply to the refresh: %s", reply).isEqualTo("success");
        assertThat(Instant.now()).as("the refresh came before the old expiry").isBefore(expiry);

        assertThat(control.awaitClose().code()).as("the control socket, never refreshed").isEqualTo(4401);
        KazooEvent event = KazooEvent.call(account, "CHANNEL_CREATE", Ids.id());
        gateway.publish(event);
        assertThat(refreshed.nextEvent().path("routing_key").asText()).isEqualTo(event.routingKey());
        refreshed.assertServes();
        assertThat(refreshed.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"signed by an unknown key", "expired", "not a JWT"})
    void laterMessage_withInvalidToken_repliesTokenInvalidAndKeepsTheIdentity(String kind) {
        String other = Ids.account();
        String bad = switch (kind) {
            case "signed by an unknown key" -> TokenIssuer.strangersToken(other);
            case "expired" -> gateway.issuer().expiredToken(other);
            default -> "not-a-jwt";
        };
        WsClient client = gateway.connect();
        client.subscribe(gateway.token(account), "call.CHANNEL_CREATE.*");

        JsonNode refused = client.request("bad-1", """
                {"action":"subscribe","request_id":"bad-1","auth_token":%s,"data":{"binding":"fax.status.*"}}
                """.formatted(Json.quote(bad)));
        JsonNode refusedPing = client.request("bad-2", """
                {"action":"ping","request_id":"bad-2","auth_token":%s}""".formatted(Json.quote(bad)));

        for (JsonNode reply : new JsonNode[] {refused, refusedPing}) {
            assertThat(reply.path("status").asText()).as("status of %s", reply).isEqualTo("error");
            assertThat(reply.at("/data/code").asText()).as("code of %s", reply).isEqualTo("token_invalid");
            assertThat(reply.toString()).doesNotContain(bad);
        }
        JsonNode later = client.request("after-1", """
                {"action":"subscribe","request_id":"after-1","data":{"binding":"fax.status.*"}}""");
        assertThat(later.path("status").asText()).as("a token-less subscribe: %s", later).isEqualTo("success");
        assertThat(Json.strings(later.at("/data/subscriptions")))
                .containsExactly("call.CHANNEL_CREATE.*", "fax.status.*");
        KazooEvent event = KazooEvent.faxStatus(account, Ids.id(), "sending");
        gateway.publish(event);
        JsonNode frame = client.nextEvent();
        assertThat(frame.path("routing_key").asText()).isEqualTo(event.routingKey());
        assertThat(frame.path("subscription_key").asText()).as("still in the first token's account")
                .isEqualTo("fax." + account + ".status.*");
    }

    @Test
    void invalidToken_doesNotExtendTheSocketsLife_theOldExpiryStillCloses() {
        Instant expiry = soon();
        WsClient client = gateway.connect();
        client.subscribe(gateway.issuer().token(account, expiry), "call.CHANNEL_CREATE.*");

        JsonNode refused = client.request("bad-3", """
                {"action":"ping","request_id":"bad-3","auth_token":%s}"""
                .formatted(Json.quote(TokenIssuer.strangersToken(account))));

        assertThat(refused.at("/data/code").asText()).as("code of %s", refused).isEqualTo("token_invalid");
        assertThat(client.awaitClose().code()).isEqualTo(4401);
    }

    /** An expiry {@link #SHORT} from now, in whole seconds (as a JWT carries it). */
    private static Instant soon() {
        return Instant.now().plus(SHORT).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }
}
