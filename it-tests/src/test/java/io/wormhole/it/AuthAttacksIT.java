package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Protocol §9 under attack, over real sockets: forged, tampered, unsigned, confused,
 * expired and premature tokens are refused with {@code token_invalid}; a valid token
 * asking for an account it may not see, or for every account, with {@code forbidden};
 * a token offered on the upgrade (query string or header) authenticates nothing
 * ({@code auth_required}). No refused socket is closed, and no token appears in any
 * reply or in anything the node logs (captured at DEBUG, {@link GatewayLog}). The node
 * trusts a JWKS document of two keys with key ids, {@code key-a} and {@code key-b}.
 */
class AuthAttacksIT {
    private static final TokenIssuer KEY_A = new TokenIssuer();
    private static final TokenIssuer KEY_B = new TokenIssuer();
    private static final TokenIssuer STRANGER = new TokenIssuer();

    @RegisterExtension
    static final TestGateway gateway = TestGateway.with("GATEWAY_JWT_KEYS", jwks().toString());

    private static final String ACCOUNT = Ids.account();

    static Stream<Arguments> forgedTokens() {
        Instant hour = Instant.now().plus(Duration.ofHours(1));
        JWTClaimsSet claims = TokenIssuer.claims(ACCOUNT, hour);
        String valid = KEY_A.sign(header("key-a"), claims);
        String other = KEY_A.sign(header("key-a"), TokenIssuer.claims(Ids.account(), hour));
        String[] parts = valid.split("\\.");
        return Stream.of(
                Arguments.of("alg none", new PlainJWT(claims).serialize()),
                Arguments.of("alg none with a signature", raw("{\"alg\":\"none\"}", claims, parts[2])),
                Arguments.of("alg NONE, kid key-a", raw("{\"alg\":\"NONE\",\"kid\":\"key-a\"}", claims, parts[2])),
                Arguments.of("HS256 keyed with key-a's PEM", hmac(pem(KEY_A), claims, null)),
                Arguments.of("HS256 keyed with key-a's PEM, kid key-a", hmac(pem(KEY_A), claims, "key-a")),
                Arguments.of("HS256 keyed with key-a's DER", hmac(KEY_A.publicKey().getEncoded(), claims, null)),
                Arguments.of("unknown kid, signed by a stranger", STRANGER.sign(header("ghost"), claims)),
                Arguments.of("unknown kid, signed by key-a", KEY_A.sign(header("ghost"), claims)),
                Arguments.of("kid key-a, signed by key-b", KEY_B.sign(header("key-a"), claims)),
                Arguments.of("kid key-a, signed by a stranger", STRANGER.sign(header("key-a"), claims)),
                Arguments.of("no kid, signed by a stranger", STRANGER.sign(new JWSHeader(JWSAlgorithm.RS256), claims)),
                Arguments.of("signature cut off", parts[0] + "." + parts[1] + "."),
                Arguments.of("another token's signature", parts[0] + "." + parts[1] + "." + other.split("\\.")[2]),
                Arguments.of("account swapped, signature kept", parts[0] + "." + other.split("\\.")[1] + "." + parts[2]),
                Arguments.of("expired ten minutes ago", KEY_A.sign(header("key-a"),
                        TokenIssuer.claims(ACCOUNT, Instant.now().minus(Duration.ofMinutes(10))))),
                Arguments.of("not valid for ten more minutes", KEY_A.sign(header("key-a"),
                        new JWTClaimsSet.Builder(claims).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build())),
                Arguments.of("no exp", KEY_A.sign(header("key-a"), new JWTClaimsSet.Builder(claims).expirationTime(null).build())),
                Arguments.of("no account_id", KEY_A.sign(header("key-a"), new JWTClaimsSet.Builder(claims).claim("account_id", null).build())),
                Arguments.of("account_id a number", KEY_A.sign(header("key-a"), new JWTClaimsSet.Builder(claims).claim("account_id", 42).build())),
                Arguments.of("not a JWT", "Bearer " + valid));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void token_forgedTamperedOrOutOfDate_isRefusedWithTokenInvalid_andTheSocketStillServes(String attack, String token) {
        try (GatewayLog log = GatewayLog.capture()) {
            double refusedBefore = gateway.metricSum("wormhole_auth_rejections_total");
            WsClient client = gateway.connect();

            JsonNode subscribe = client.request("attack-1", subscribe("attack-1", token, null));
            JsonNode ping = client.request("attack-2", "{\"action\":\"ping\",\"request_id\":\"attack-2\",\"auth_token\":"
                    + Json.quote(token) + "}");

            for (JsonNode reply : List.of(subscribe, ping)) {
                assertError(reply, "token_invalid", token);
                assertThat(Json.strings(reply.at("/data/errors"))).singleElement(InstanceOfAssertFactories.STRING)
                        .startsWith("failed to authenticate token: ");
            }
            client.subscribe(KEY_A.sign(header("key-a"), TokenIssuer.claims(ACCOUNT, Instant.now().plusSeconds(3600))),
                    "call.CHANNEL_CREATE.*");
            // refusals are logged at a bounded rate (the rest only counted), so the count is the proof
            assertThat(gateway.metricSum("wormhole_auth_rejections_total") - refusedBefore)
                    .as("both refusals are counted").isGreaterThanOrEqualTo(2);
            assertNotLogged(log, token);
        }
    }

    @ParameterizedTest(name = "kid {0}")
    @ValueSource(strings = {"key-a", "none"})
    void token_signedByATrustedKey_withItsKidOrNone_isAccepted(String kid) {
        WsClient client = gateway.connect();
        String token = KEY_A.sign(header(kid.equals("none") ? null : kid),
                TokenIssuer.claims(ACCOUNT, Instant.now().plusSeconds(3600)));

        JsonNode reply = client.subscribe(token, "call.CHANNEL_CREATE.*");

        assertThat(reply.toString()).doesNotContain(token);
    }

    @ParameterizedTest(name = "account_id {0}")
    @ValueSource(strings = {"another account", "*"})
    void validToken_askingForAnAccountItMayNotSee_isForbidden(String which) {
        String requested = which.equals("*") ? "*" : Ids.account();
        String token = KEY_B.sign(header("key-b"), TokenIssuer.claims(ACCOUNT, Instant.now().plusSeconds(3600)));
        try (GatewayLog log = GatewayLog.capture()) {
            WsClient client = gateway.connect();

            JsonNode reply = client.request("forbidden-1", subscribe("forbidden-1", token, requested));

            assertError(reply, "forbidden", token);
            client.assertServes();
            assertNotLogged(log, token);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"query auth_token", "query token", "Authorization: Bearer", "X-Auth-Token"})
    void tokenOnTheUpgrade_doesNotAuthenticateTheSocket(String where) {
        String token = KEY_A.sign(header("key-a"), TokenIssuer.claims(ACCOUNT, Instant.now().plusSeconds(3600)));
        String path = switch (where) {
            case "query auth_token" -> "/ws?auth_token=" + token;
            case "query token" -> "/?token=" + token;
            default -> "/ws";
        };
        Map<String, String> headers = switch (where) {
            case "Authorization: Bearer" -> Map.of("Authorization", "Bearer " + token);
            case "X-Auth-Token" -> Map.of("X-Auth-Token", token);
            default -> Map.of();
        };
        try (GatewayLog log = GatewayLog.capture(); WsClient client = WsClient.connect(gateway.port(), path, headers)) {
            client.assertServes();

            JsonNode reply = client.request("upgrade-1", """
                    {"action":"subscribe","request_id":"upgrade-1","data":{"binding":"call.CHANNEL_CREATE.*"}}""");

            assertError(reply, "auth_required", token);
            assertNotLogged(log, token);
        }
    }

    @Test
    void metrics_countTheRefusals_andNameNoToken() {
        String token = STRANGER.token(ACCOUNT);
        WsClient client = gateway.connect();
        client.request("metrics-1", subscribe("metrics-1", token, null));

        String metrics = gateway.get("/metrics").body();

        assertThat(metrics).contains("wormhole_auth_rejections_total{reason=\"token_invalid\"}").doesNotContain(token)
                .doesNotContain(token.split("\\.")[2]);
    }

    private static void assertError(JsonNode reply, String code, String token) {
        assertThat(reply.path("status").asText()).as("status of %s", reply).isEqualTo("error");
        assertThat(reply.at("/data/code").asText()).as("code of %s", reply).isEqualTo(code);
        assertThat(reply.toString()).as("the reply names no token").doesNotContain(token);
        for (String part : token.split("\\.")) {
            if (part.length() >= 16) {
                assertThat(reply.toString()).as("the reply names no part of the token").doesNotContain(part);
            }
        }
    }

    /** No log line holds the token or its signature (the part that makes it usable). */
    private static void assertNotLogged(GatewayLog log, String token) {
        String[] parts = token.split("\\.");
        String signature = parts.length == 3 && parts[2].length() >= 16 ? parts[2] : token;
        assertThat(log.lines()).as("log lines").isNotEmpty().noneSatisfy(line -> assertThat(line)
                .satisfiesAnyOf(l -> assertThat(l).contains(token), l -> assertThat(l).contains(signature)));
    }

    private static String subscribe(String id, String token, String accountId) {
        return "{\"action\":\"subscribe\",\"request_id\":\"" + id + "\",\"auth_token\":" + Json.quote(token)
                + ",\"data\":{" + (accountId == null ? "" : "\"account_id\":" + Json.quote(accountId) + ",")
                + "\"binding\":\"call.CHANNEL_CREATE.*\"}}";
    }

    private static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    }

    /** A token with this literal header, the claims, and this literal signature part. */
    private static String raw(String header, JWTClaimsSet claims, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    /** The key confusion attack: HS256 with the RSA public key's bytes as the HMAC secret. */
    private static String hmac(byte[] secret, JWTClaimsSet claims, String kid) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static byte[] pem(TokenIssuer issuer) {
        try {
            return Files.readAllBytes(issuer.publicKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JWKS document with key-a and key-b, for {@code GATEWAY_JWT_KEYS}. */
    private static Path jwks() {
        JWKSet set = new JWKSet(List.of(new RSAKey.Builder(KEY_A.publicKey()).keyID("key-a").build(),
                new RSAKey.Builder(KEY_B.publicKey()).keyID("key-b").build()));
        try {
            Path file = Files.createTempFile("wormhole-it-jwks-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, set.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
