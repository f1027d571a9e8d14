package io.wormhole.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.wormhole.gateway.auth.TokenSigner;
import io.wormhole.gateway.auth.TokenVerifier;

/**
 * Protocol "Requests", step 9: {@code data.account_id} is an account id or {@code *},
 * for {@code unsubscribe} as for {@code subscribe}; anything else is {@code bad_request}.
 */
class SessionAccountTest {
    private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    private static final TokenSigner SIGNER = TokenSigner.generate();

    @ParameterizedTest(name = "account_id \"{0}\"")
    @ValueSource(strings = {"", "*x", "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef", "not an account"})
    void unsubscribe_malformedAccountId_repliesBadRequest(String accountId) {
        for (String action : List.of("subscribe", "unsubscribe")) {
            String reply = answer("{\"action\":\"" + action + "\",\"request_id\":\"r1\",\"auth_token\":\"%s\","
                    + "\"data\":{\"account_id\":\"" + accountId + "\",\"binding\":\"call.CHANNEL_CREATE.*\"}}");

            assertThat(reply).as(action).contains("\"status\":\"error\"").contains("\"code\":\"bad_request\"")
                    .contains("data.account_id must be an account id");
        }
    }

    /** The reply of a fresh session to the request, with a valid token for ACCOUNT put in for %s. */
    private static String answer(String request) {
        SessionServices services = TestServices.verifyingWith(TokenVerifier.of(List.of(SIGNER.publicKey())));
        Session session = new Session("s1", "test", services, code -> { });
        try {
            session.handle(request.formatted(SIGNER.sign(ACCOUNT, Duration.ofHours(1)))).block(Duration.ofSeconds(5));
            byte[] frame = session.outbox().frames().blockFirst(Duration.ofSeconds(5));
            return new String(frame, StandardCharsets.UTF_8);
        } finally {
            session.close();
        }
    }
}
