package io.wormhole.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wormhole.protocol.ProtocolException;

/** Demo mode's issuer, and a verifier that trusts it on top of the operator's keys. */
class TokenSignerTest {
    private static final String ACCOUNT = "4b31dd1d32ce6d249897c06332375d65";
    private final TokenSigner demo = TokenSigner.generate();
    private final TokenSigner operator = TokenSigner.generate();

    @Test
    void sign_tokenOfTheSigner_verifiesWithItsPublicKeyForTheAccountAndLifetime() {
        Identity id = TokenVerifier.of(List.of(demo.publicKey())).verify(demo.sign(ACCOUNT, Duration.ofHours(24)));

        assertThat(id.accountId()).isEqualTo(ACCOUNT);
        assertThat(id.expiresAt()).isBetween(Instant.now().plus(Duration.ofHours(23)),
                Instant.now().plus(Duration.ofHours(25)));
    }

    @Test
    void trustingAlso_acceptsTokensOfTheOriginalAndTheAddedKeys() {
        TokenVerifier both = TokenVerifier.of(List.of(operator.publicKey())).trustingAlso(List.of(demo.publicKey()));

        assertThat(both.verify(operator.sign(ACCOUNT, Duration.ofMinutes(5))).accountId()).isEqualTo(ACCOUNT);
        assertThat(both.verify(demo.sign(ACCOUNT, Duration.ofMinutes(5))).accountId()).isEqualTo(ACCOUNT);
    }

    @Test
    void trustingAlso_onAVerifierTrustingNothing_acceptsOnlyTheAddedKey() {
        TokenVerifier demoOnly = TokenVerifier.trustingNothing().trustingAlso(List.of(demo.publicKey()));

        assertThat(demoOnly.verify(demo.sign(ACCOUNT, Duration.ofMinutes(5))).accountId()).isEqualTo(ACCOUNT);
        assertThatThrownBy(() -> demoOnly.verify(operator.sign(ACCOUNT, Duration.ofMinutes(5))))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("failed to authenticate token: bad signature");
    }
}
