package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.wormhole.gateway.auth.FakeCrossbar;

/**
 * Operations "Kazoo's keys from Crossbar" ({@code GATEWAY_JWT_KEYS=crossbar}): a token
 * Kazoo signed is verified with the key Crossbar serves for its {@code kid}, fetched once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossbarKeysIT {
    private final FakeCrossbar crossbar = FakeCrossbar.readingAccountClaim(Map.of(), Set.of());
    @RegisterExtension
    final TestGateway gateway = TestGateway.with("GATEWAY_JWT_KEYS", "crossbar",
            "GATEWAY_CROSSBAR_URL", crossbar.url());

    @AfterAll
    void stopCrossbar() {
        crossbar.close();
    }

    @Test
    void subscribe_withKazoosToken_verifiedByTheKeyCrossbarServes_fetchedOnce() {
        TokenIssuer kazoo = new TokenIssuer();
        crossbar.serveKey(kazoo.keyId(), kazoo.publicKeyPkcs1Pem());
        String account = Ids.account();
        int before = crossbar.keyRequests();

        for (int i = 0; i < 3; i++) {
            WsClient client = gateway.connect();
            JsonNode reply = client.subscribe(kazoo.kazooToken(account), "call.CHANNEL_CREATE.*");
            assertThat(reply.path("status").asText()).as("reply %s", reply).isEqualTo("success");
        }

        assertThat(crossbar.keyRequests() - before).isEqualTo(1);
    }

    @Test
    void subscribe_withATokenOfAnotherKeyNamingTheSameKid_isTokenInvalid() {
        TokenIssuer kazoo = new TokenIssuer();
        crossbar.serveKey(kazoo.keyId(), kazoo.publicKeyPkcs1Pem());
        TokenIssuer forger = new TokenIssuer();
        String forged = forgerTokenNaming(forger, kazoo.keyId());
        WsClient client = gateway.connect();

        JsonNode reply = client.request("forged", """
                {"action":"subscribe","request_id":"forged","auth_token":"%s","data":{"binding":"call.CHANNEL_CREATE.*"}}
                """.formatted(forged));

        assertThat(reply.at("/data/code").asText()).as("reply %s", reply).isEqualTo("token_invalid");
        client.assertServes();
    }

    /** The forger's token with its header's kid swapped for {@code kid}; its signature no longer fits anyway. */
    private static String forgerTokenNaming(TokenIssuer forger, String kid) {
        String token = forger.kazooToken(Ids.account());
        String[] parts = token.split("\\.");
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return header + "." + parts[1] + "." + parts[2];
    }
}
