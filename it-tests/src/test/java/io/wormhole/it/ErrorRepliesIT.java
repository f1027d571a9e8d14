package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Protocol §3 and §6: every error reply, each followed by proof that the socket still
 * serves (an error never closes it), and the one error that does close: a frame over
 * the size limit.
 */
class ErrorRepliesIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with(
            "GATEWAY_MAX_BINDINGS", "5",
            "GATEWAY_MAX_BINDINGS_PER_REQUEST", "3",
            "GATEWAY_RATE_BURST", "20",
            "GATEWAY_RATE_PER_SECOND", "5",
            "GATEWAY_MAX_FRAME", "16KiB");

    private final String account = Ids.account();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "this is not JSON         | request is not valid JSON",
        "{\"action\":\"ping\"} }  | request is not valid JSON",
        "[\"ping\"]               | request must be a JSON object",
        "42                       | request must be a JSON object"})
    void textFrame_notAJsonObject_repliesBadRequest(String frame, String text) {
        WsClient client = gateway.connect();

        client.send(frame);

        JsonNode reply = client.next();
        assertError(reply, "bad_request");
        assertThat(reply.path("request_id").asText()).matches("[0-9a-f]{32}");
        assertThat(Json.strings(reply.at("/data/errors"))).containsExactly(text);
        client.assertServes();
    }

    @Test
    void binaryFrame_repliesBadRequest() {
        WsClient client = gateway.connect();

        client.sendBinary("{\"action\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        JsonNode reply = client.next();
        assertError(reply, "bad_request");
        assertThat(Json.strings(reply.at("/data/errors")))
                .containsExactly("binary frames are not supported; send one JSON object per text frame");
        client.assertServes();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"action\":\"dance\",\"request_id\":\"r-1\"} | unknown action 'dance'",
        "{\"request_id\":\"r-1\",\"data\":{}}          | missing action"})
    void request_missingOrUnknownAction_repliesUnknownAction(String frame, String text) {
        WsClient client = gateway.connect();

        JsonNode reply = client.request("r-1", frame);

        assertError(reply, "unknown_action");
        assertThat(Json.strings(reply.at("/data/errors"))).containsExactly(text);
        client.assertServes();
    }

    @Test
    void subscribe_withoutToken_repliesAuthRequired() {
        WsClient client = gateway.connect();

        JsonNode reply = client.request("r-2", """
                {"action":"subscribe","request_id":"r-2","data":{"binding":"call.CHANNEL_CREATE.*"}}
                """);

        assertError(reply, "auth_required");
        client.assertServes();
    }

    @Test
    void noop_beforeAnyToken_repliesAuthRequired() {
        WsClient client = gateway.connect();

        JsonNode reply = client.request("n-1", """
                {"action":"noop","request_id":"n-1"}
                """);

        assertError(reply, "auth_required");
        client.assertServes();
    }

    static Stream<Arguments> badTokens() {
        String someone = Ids.account();
        return Stream.of(
                Arguments.of("not a JWT at all", "not-a-jwt"),
                Arguments.of("signed by an unknown key", TokenIssuer.strangersToken(someone)),
                Arguments.of("expired", gateway.issuer().expiredToken(someone)),
                Arguments.of("unsigned (alg none)", TokenIssuer.unsignedToken(someone)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void subscribe_badToken_repliesTokenInvalidWithoutTheToken(String kind, String token) {
        WsClient client = gateway.connect();

        JsonNode reply = client.request("r-3", """
                {"action":"subscribe","request_id":"r-3","auth_token":%s,"data":{"binding":"call.CHANNEL_CREATE.*"}}
                """.formatted(Json.quote(token)));

        assertError(reply, "token_invalid");
        assertThat(Json.strings(reply.at("/data/errors")))
                .allSatisfy(text -> assertThat(text).startsWith("failed to authenticate token")
                        .doesNotContain(token));
        assertThat(reply.toString()).doesNotContain(token);
        client.assertServes();
    }

    @ParameterizedTest(name = "account_id {0}")
    @CsvSource({"another account", "*"})
    void subscribe_accountTheTokenMayNotSee_repliesForbidden(String which) {
        String requested = which.equals("*") ? "*" : Ids.account();
        WsClient client = gateway.connect();

        JsonNode reply = client.request("r-4", """
                {"action":"subscribe","request_id":"r-4","auth_token":"%s",
                 "data":{"account_id":"%s","binding":"call.CHANNEL_CREATE.*"}}
                """.formatted(gateway.token(account), requested));

        assertError(reply, "forbidden");
        client.assertServes();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "call..x                 | binding 'call..x': empty segment at position 2",
        "call.CHANNEL_C*.x       | position 2",
        "call.#.x.#.#            | '#'",
        "nope.CHANNEL_CREATE.*   | unknown family 'nope'",
        "call.NOT_AN_EVENT.*     | position 2",
        "call.CHANNEL_CREATE     | binding 'call.CHANNEL_CREATE'"})
    void subscribe_invalidBinding_repliesInvalidBindingNamingIt(String binding, String text) {
        WsClient client = gateway.connect();

        JsonNode reply = client.request("r-5", """
                {"action":"subscribe","request_id":"r-5","auth_token":"%s","data":{"binding":"%s"}}
                """.formatted(gateway.token(account), binding));

        assertError(reply, "invalid_binding");
        assertThat(Json.strings(reply.at("/data/errors"))).singleElement().satisfies(error -> assertThat(error)
                .startsWith("binding '" + binding + "'").contains(text));
        client.assertServes();
    }

    @Test
    void subscribe_oneInvalidBindingAmongValidOnes_appliesNone() {
        WsClient client = gateway.connect();
        String token = gateway.token(account);

        JsonNode refused = client.request("r-6", """
                {"action":"subscribe","request_id":"r-6","auth_token":"%s",
                 "data":{"bindings":["call.CHANNEL_CREATE.*","call..x"]}}
                """.formatted(token));

        assertError(refused, "invalid_binding");
        JsonNode later = client.subscribe(token, "fax.status.*");
        assertThat(Json.strings(later.at("/data/subscriptions"))).containsExactly("fax.status.*");
    }

    @Test
    void subscribe_moreBindingsThanARequestMayName_repliesTooManyBindings() {
        WsClient client = gateway.connect();

        JsonNode reply = client.request("r-7", """
                {"action":"subscribe","request_id":"r-7","auth_token":"%s",
                 "data":{"bindings":["call.CHANNEL_CREATE.*","call.CHANNEL_ANSWER.*","call.CHANNEL_DESTROY.*",
                                     "fax.status.*"]}}
                """.formatted(gateway.token(account)));

        assertError(reply, "too_many_bindings");
        client.assertServes();
    }

    @Test
    void subscribe_moreBindingsThanASocketMayHold_repliesTooManyBindingsAndKeepsTheOldOnes() {
        WsClient client = gateway.connect();
        String token = gateway.token(account);
        client.subscribe(token, "call.CHANNEL_CREATE.*", "call.CHANNEL_ANSWER.*", "call.CHANNEL_DESTROY.*");

        JsonNode reply = client.request("r-8", """
                {"action":"subscribe","request_id":"r-8",
                 "data":{"bindings":["fax.status.*","doc_edited.*.user.*","conference.command.*"]}}
                """);

        assertError(reply, "too_many_bindings");
        JsonNode unchanged = client.subscribe(token, "call.CHANNEL_CREATE.*");
        assertThat(Json.strings(unchanged.at("/data/subscriptions")))
                .containsExactly("call.CHANNEL_CREATE.*", "call.CHANNEL_ANSWER.*", "call.CHANNEL_DESTROY.*");
    }

    @Test
    void requests_overTheRate_repliesRateLimitedThenServesAgain() {
        WsClient client = gateway.connect();
        int sent = 30; // the burst is 20, refilled at 5 per second

        for (int i = 0; i < sent; i++) {
            client.send("{\"action\":\"ping\",\"request_id\":\"burst-" + i + "\"}");
        }

        List<JsonNode> limited = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            JsonNode reply = client.replyTo("burst-" + i);
            if (reply.path("status").asText().equals("error")) {
                assertError(reply, "rate_limited");
                limited.add(reply);
            }
        }
        assertThat(limited).isNotEmpty();
        TestGateway.eventually(Duration.ofSeconds(10), () -> {
            String id = Ids.id();
            return client.request(id, "{\"action\":\"ping\",\"request_id\":\"" + id + "\"}");
        }, reply -> reply.path("status").asText().equals("success"), "a pong after the rate limit");
    }

    @Test
    void frame_overTheSizeLimit_closesWith1009() {
        WsClient client = gateway.connect();

        client.send("{\"action\":\"ping\",\"request_id\":\"" + "x".repeat(20_000) + "\"}");

        assertThat(client.awaitClose().code()).isEqualTo(1009);
        TestGateway.eventually(Duration.ofSeconds(10),
                () -> gateway.metric("wormhole_sessions_closed_total", "code=\"1009\""), n -> n >= 1,
                "a 1009 close counted on /metrics");
    }

    private static void assertError(JsonNode reply, String code) {
        assertThat(reply.path("action").asText()).as("action of %s", reply).isEqualTo("reply");
        assertThat(reply.path("status").asText()).as("status of %s", reply).isEqualTo("error");
        assertThat(reply.at("/data/code").asText()).as("code of %s", reply).isEqualTo(code);
        assertThat(reply.at("/data/errors").isArray()).as("errors of %s is a list", reply).isTrue();
        assertThat(Json.strings(reply.at("/data/errors"))).as("errors of %s", reply).isNotEmpty()
                .allSatisfy(text -> assertThat(text).isNotBlank());
    }
}
