package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.wormhole.gateway.auth.FakeCrossbar;

/**
 * Protocol §9 and operations "Authorisation": who may subscribe to which account, told
 * twice over the same fixture tree, once answered by an accounts file and once by
 * Crossbar (a {@link FakeCrossbar}). The tree: reseller R with children A and B, C
 * unrelated, S a super-admin. The Crossbar-only stories show that concurrent identical
 * questions share one lookup and that Crossbar being down is {@code unavailable} for the
 * request, never for the socket or the other sockets.
 */
class AuthorisationIT {
    static final String R = Ids.account();
    static final String A = Ids.account();
    static final String B = Ids.account();
    static final String C = Ids.account();
    static final String S = Ids.account();
    static final Map<String, String> PARENTS = Map.of(A, R, B, R);
    static final Set<String> SUPER_ADMINS = Set.of(S);

    private static final AtomicInteger FRESH = new AtomicInteger();

    /** The stories both ways of answering must tell alike. */
    abstract static class Stories {
        abstract TestGateway gateway();

        @Test
        void reseller_subscribesToChild_receivesItsEvents() {
            WsClient reseller = gateway().connect();

            JsonNode reply = reseller.subscribeIn(gateway().token(R), A, "call.CHANNEL_CREATE.*");

            assertThat(Json.strings(reply.at("/data/subscribed"))).containsExactly("call.CHANNEL_CREATE.*");
            KazooEvent event = KazooEvent.call(A, "CHANNEL_CREATE", Ids.id());
            gateway().publish(event);
            JsonNode frame = eventOf(reseller, event);
            assertThat(frame.path("subscribed_key").asText()).isEqualTo("call.CHANNEL_CREATE.*");
            assertThat(frame.path("subscription_key").asText()).isEqualTo("call." + A + ".CHANNEL_CREATE.*");
            assertThat(frame.at("/data/custom_channel_vars/account_id").asText()).isEqualTo(A);
        }

        @ParameterizedTest(name = "account {0}")
        @ValueSource(strings = {"sibling B", "unrelated C", "parent R"})
        void child_subscribesToAnAccountOutsideItsTree_isForbidden(String which) {
            String requested = switch (which) {
                case "sibling B" -> B;
                case "unrelated C" -> C;
                default -> R;
            };
            WsClient child = gateway().connect();
            String token = gateway().token(A);

            JsonNode reply = child.request("forbidden-1", subscribe("forbidden-1", token, requested,
                    "call.CHANNEL_CREATE.*"));

            assertError(reply, "forbidden");
            assertThat(Json.strings(reply.at("/data/errors")))
                    .containsExactly("account " + A + " may not see account " + requested);
            child.assertServes();
            JsonNode own = child.subscribe(token, "fax.status.*");
            assertThat(Json.strings(own.at("/data/subscriptions"))).as("the refused binding was not applied")
                    .containsExactly("fax.status.*");
        }

        @Test
        void superAdmin_subscribesToEveryAccount_receivesEventsOfSeveralAccounts() {
            WsClient admin = gateway().connect();
            String unlisted = Ids.account();

            admin.subscribeIn(gateway().token(S), "*", "call.CHANNEL_CREATE.*");

            List<KazooEvent> events = List.of(KazooEvent.call(A, "CHANNEL_CREATE", Ids.id()),
                    KazooEvent.call(C, "CHANNEL_CREATE", Ids.id()),
                    KazooEvent.call(unlisted, "CHANNEL_CREATE", Ids.id()));
            gateway().publishAll(events);
            for (KazooEvent event : events) {
                JsonNode frame = eventOf(admin, event);
                assertThat(frame.path("subscribed_key").asText()).isEqualTo("call.CHANNEL_CREATE.*");
                assertThat(frame.path("subscription_key").asText()).isEqualTo("call.*.CHANNEL_CREATE.*");
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"reseller R", "child A", "unrelated C"})
        void everyAccount_forAnyoneButTheSuperAdmin_isForbidden(String who) {
            String account = switch (who) {
                case "reseller R" -> R;
                case "child A" -> A;
                default -> C;
            };
            WsClient client = gateway().connect();

            JsonNode reply = client.request("star-1", subscribe("star-1", gateway().token(account), "*",
                    "call.CHANNEL_CREATE.*"));

            assertError(reply, "forbidden");
            assertThat(Json.strings(reply.at("/data/errors")))
                    .containsExactly("only a super-admin may subscribe to every account ('*')");
            client.assertServes();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAccountsFile extends Stories {
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_ACCOUNTS_FILE", accountsFile().toString());

        @Override
        TestGateway gateway() {
            return gateway;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithCrossbar extends Stories {
        final FakeCrossbar crossbar = FakeCrossbar.readingAccountClaim(PARENTS, SUPER_ADMINS);
        @RegisterExtension
        final TestGateway gateway = TestGateway.with(
                "GATEWAY_CROSSBAR_URL", crossbar.url(),
                "GATEWAY_AUTHZ_CACHE_TTL", "60s");

        @Override
        TestGateway gateway() {
            return gateway;
        }

        @AfterAll
        void stopCrossbar() {
            crossbar.close();
        }

        @Test
        void hundredConcurrentSubscribes_withOneToken_askCrossbarOnce() {
            String token = freshToken(gateway, R);
            int sockets = 100;
            List<WsClient> clients = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                clients.add(gateway.connect());
            }
            crossbar.delay(Duration.ofMillis(500)); // every question arrives while the first is in flight
            try {
                for (int i = 0; i < sockets; i++) {
                    clients.get(i).send(subscribe("many-" + i, token, A, "call.CHANNEL_CREATE.*"));
                }
                for (int i = 0; i < sockets; i++) {
                    JsonNode reply = clients.get(i).replyTo("many-" + i);
                    assertThat(reply.path("status").asText()).as("reply %d: %s", i, reply).isEqualTo("success");
                }
            } finally {
                crossbar.delay(Duration.ZERO);
            }

            assertThat(crossbar.lookups(token, A)).as("Crossbar lookups of (token, A)").isEqualTo(1);
            KazooEvent event = KazooEvent.call(A, "CHANNEL_CREATE", Ids.id());
            gateway.publish(event);
            for (WsClient client : clients) {
                eventOf(client, event);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhenCrossbarIsDown {
        final FakeCrossbar crossbar = FakeCrossbar.readingAccountClaim(PARENTS, SUPER_ADMINS);
        @RegisterExtension
        final TestGateway gateway = TestGateway.with("GATEWAY_CROSSBAR_URL", crossbar.url());

        @AfterAll
        void stopCrossbar() {
            crossbar.close();
        }

        @Test
        void subscribe_repliesUnavailable_andNoSocketSuffers() {
            String resellerToken = freshToken(gateway, R);
            WsClient listening = gateway.connect();
            listening.subscribeIn(resellerToken, A, "call.CHANNEL_CREATE.*");
            WsClient asking = gateway.connect();
            asking.assertServes();

            crossbar.close();

            String token = freshToken(gateway, R);
            JsonNode reply = asking.request("down-1", subscribe("down-1", token, B, "call.CHANNEL_CREATE.*"));
            assertError(reply, "unavailable");
            assertThat(Json.strings(reply.at("/data/errors"))).singleElement().satisfies(text -> assertThat(text)
                    .startsWith("authorisation is unavailable (").endsWith("retry later").doesNotContain(token));
            asking.assertServes();
            JsonNode again = asking.request("down-2", subscribe("down-2", token, B, "call.CHANNEL_CREATE.*"));
            assertError(again, "unavailable");
            asking.assertServes();

            KazooEvent event = KazooEvent.call(A, "CHANNEL_CREATE", Ids.id());
            gateway.publish(event);
            eventOf(listening, event);
            listening.assertServes();
            WsClient newcomer = gateway.connect();
            newcomer.assertServes();
            JsonNode cached = newcomer.subscribeIn(resellerToken, A, "fax.status.*");
            assertThat(Json.strings(cached.at("/data/subscriptions"))).as("a cached yes still counts")
                    .containsExactly("fax.status.*");
        }
    }

    /** The event frame of this event (frames of other events stay for later). */
    static JsonNode eventOf(WsClient client, KazooEvent event) {
        return client.next(f -> f.path("action").asText().equals("event")
                && f.path("routing_key").asText().equals(event.routingKey()), "event " + event.routingKey());
    }

    static String subscribe(String requestId, String token, String accountId, String binding) {
        return "{\"action\":\"subscribe\",\"request_id\":" + Json.quote(requestId) + ",\"auth_token\":"
                + Json.quote(token) + ",\"data\":{\"account_id\":" + Json.quote(accountId) + ",\"binding\":"
                + Json.quote(binding) + "}}";
    }

    /** A token no other test of the run uses (tokens of one second are otherwise alike). */
    static String freshToken(TestGateway gateway, String accountId) {
        Instant expiry = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(2))
                .plusSeconds(FRESH.incrementAndGet());
        return gateway.issuer().token(accountId, expiry);
    }

    static void assertError(JsonNode reply, String code) {
        assertThat(reply.path("action").asText()).as("action of %s", reply).isEqualTo("reply");
        assertThat(reply.path("status").asText()).as("status of %s", reply).isEqualTo("error");
        assertThat(reply.at("/data/code").asText()).as("code of %s", reply).isEqualTo(code);
    }

    private static Path accountsFile() {
        String json = """
                {"accounts": {
                   "%s": {"parent": null, "name": "reseller R"},
                   "%s": {"parent": "%s", "name": "child A"},
                   "%s": {"parent": "%s", "name": "child B"},
                   "%s": {"parent": null, "name": "unrelated C"}},
                 "super_admins": ["%s"]}
                """.formatted(R, A, R, B, R, C, S);
        try {
            Path file = Files.createTempFile("wormhole-it-accounts-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
