package io.wormhole.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;

class TokenVerifierTest {
    private static final String ACCOUNT = "4b31dd1d32ce6d249897c06332375d65";
    private static KeyPair trusted;
    private static KeyPair stranger;

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        trusted = g.generateKeyPair();
        stranger = g.generateKeyPair();
    }

    private static TokenVerifier verifier() {
        return TokenVerifier.of(List.of((RSAPublicKey) trusted.getPublic()));
    }

    private static JWTClaimsSet.Builder claims(Instant exp) {
        return new JWTClaimsSet.Builder().claim("account_id", ACCOUNT).expirationTime(Date.from(exp));
    }

    private static String sign(KeyPair keys, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static void assertRejected(TokenVerifier v, String token, String why) {
        assertThatThrownBy(() -> v.verify(token))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
                    assertThat(e.errors()).singleElement().asString()
                            .startsWith("failed to authenticate token")
                            .contains(why)
                            .doesNotContain(token);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512"})
    void verify_rsaSignedByTrustedKey_givesAccountAndExpiry(String alg) throws JOSEException {
        Instant exp = Instant.now().plusSeconds(600);
        String token = sign(trusted, JWSAlgorithm.parse(alg), null, claims(exp).build());
        Identity id = verifier().verify(token);
        assertThat(id.accountId()).isEqualTo(ACCOUNT);
        assertThat(id.expiresAt().getEpochSecond()).isEqualTo(exp.getEpochSecond());
        assertThat(id.tokenDigest()).hasSize(32).isEqualTo(TokenVerifier.digest(token)).isNotEqualTo(token);
    }

    @Test
    void verify_signedByAnotherKey_isRejected() throws JOSEException {
        assertRejected(verifier(), sign(stranger, JWSAlgorithm.RS256, null,
                claims(Instant.now().plusSeconds(600)).build()), "bad signature");
    }

    @Test
    void verify_expired_isRejected() throws JOSEException {
        assertRejected(verifier(), sign(trusted, JWSAlgorithm.RS256, null,
                claims(Instant.now().minusSeconds(120)).build()), "token expired");
    }

    @Test
    void verify_expiredWithinClockSkew_isAccepted() throws JOSEException {
        String token = sign(trusted, JWSAlgorithm.RS256, null, claims(Instant.now().minusSeconds(5)).build());
        assertThat(verifier().verify(token).accountId()).isEqualTo(ACCOUNT);
    }

    @Test
    void verify_notBeforeInTheFuture_isRejected() throws JOSEException {
        assertRejected(verifier(), sign(trusted, JWSAlgorithm.RS256, null,
                claims(Instant.now().plusSeconds(600)).notBeforeTime(Date.from(Instant.now().plusSeconds(300)))
                        .build()), "not valid yet");
    }

    @Test
    void verify_withoutExpiry_isRejected() throws JOSEException {
        assertRejected(verifier(), sign(trusted, JWSAlgorithm.RS256, null,
                new JWTClaimsSet.Builder().claim("account_id", ACCOUNT).build()), "lacks exp or account_id");
    }

    @Test
    void verify_withoutAccount_isRejected() throws JOSEException {
        assertRejected(verifier(), sign(trusted, JWSAlgorithm.RS256, null,
                new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(60))).build()),
                "lacks exp or account_id");
    }

    @Test
    void verify_accountNotAString_isRejected() throws JOSEException {
        assertRejected(verifier(), sign(trusted, JWSAlgorithm.RS256, null,
                claims(Instant.now().plusSeconds(60)).claim("account_id", 42).build()), "account_id");
    }

    @Test
    void verify_algNone_isRejected() {
        String token = new PlainJWT(claims(Instant.now().plusSeconds(600)).build()).serialize();
        assertRejected(verifier(), token, "unsigned tokens are not accepted");
    }

    @Test
    void verify_hmacWithThePublicKeyAsSecret_isRejected() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(Instant.now().plusSeconds(600)).build());
        jwt.sign(new MACSigner(trusted.getPublic().getEncoded()));
        assertRejected(verifier(), jwt.serialize(), "algorithm not accepted or no matching key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30", "....", "eyJ.eyJ.sig"})
    void verify_malformed_isRejected(String token) {
        assertThatThrownBy(() -> verifier().verify(token))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
                    assertThat(e.errors().get(0)).startsWith("failed to authenticate token");
                });
    }

    @Test
    void trustingNothing_rejectsEveryToken() throws JOSEException {
        assertRejected(TokenVerifier.trustingNothing(), sign(trusted, JWSAlgorithm.RS256, null,
                claims(Instant.now().plusSeconds(600)).build()), "no matching key");
    }

    @Test
    void fromFile_pemWithTwoKeys_trustsBoth(@TempDir Path dir) throws IOException, JOSEException {
        Path pem = dir.resolve("keys.pem");
        Files.writeString(pem, pem(stranger) + "\n" + pem(trusted), StandardCharsets.UTF_8);
        TokenVerifier v = TokenVerifier.fromFile(pem);
        for (KeyPair k : List.of(trusted, stranger)) {
            String token = sign(k, JWSAlgorithm.RS256, "any-kid", claims(Instant.now().plusSeconds(60)).build());
            assertThat(v.verify(token).accountId()).isEqualTo(ACCOUNT);
        }
    }

    @Test
    void fromFile_jwks_verifiesOnlyTheNamedKid(@TempDir Path dir) throws IOException, JOSEException {
        Path jwks = dir.resolve("keys.json");
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) trusted.getPublic()).keyID("k1").build();
        Files.writeString(jwks, new JWKSet(jwk).toString(), StandardCharsets.UTF_8);
        TokenVerifier v = TokenVerifier.fromFile(jwks);
        assertThat(v.verify(sign(trusted, JWSAlgorithm.RS256, "k1", claims(Instant.now().plusSeconds(60)).build()))
                .accountId()).isEqualTo(ACCOUNT);
        assertRejected(v, sign(trusted, JWSAlgorithm.RS256, "k2", claims(Instant.now().plusSeconds(60)).build()),
                "no matching key");
    }

    @Test
    void fromFile_pkcs1RsaPublicKey_asKazooServesIt_isTrusted(@TempDir Path dir) throws IOException {
        Path pem = dir.resolve("kazoo.pem");
        Files.writeString(pem, KazooTestKey.publicPkcs1Pem(), StandardCharsets.US_ASCII);
        TokenVerifier v = TokenVerifier.fromFile(pem);

        assertThat(v.verify(KazooTestKey.token("0123456789abcdef0123456789abcdef", ACCOUNT)).accountId())
                .isEqualTo(ACCOUNT);
    }

    @Test
    void fromFile_pkcs1AndX509Blocks_trustsBoth(@TempDir Path dir) throws IOException, JOSEException {
        Path pem = dir.resolve("keys.pem");
        Files.writeString(pem, KazooTestKey.publicPkcs1Pem() + pem(trusted), StandardCharsets.US_ASCII);
        TokenVerifier v = TokenVerifier.fromFile(pem);

        assertThat(v.verify(KazooTestKey.token(null, ACCOUNT)).accountId()).isEqualTo(ACCOUNT);
        assertThat(v.verify(sign(trusted, JWSAlgorithm.RS256, null, claims(Instant.now().plusSeconds(60)).build()))
                .accountId()).isEqualTo(ACCOUNT);
    }

    @Test
    void fromFile_pkcs1BlockNotAKey_saysSo(@TempDir Path dir) throws IOException {
        Path pem = dir.resolve("bad.pem");
        Files.writeString(pem, "-----BEGIN RSA PUBLIC KEY-----\nMAMCAQE=\n-----END RSA PUBLIC KEY-----\n");
        assertThatThrownBy(() -> TokenVerifier.fromFile(pem))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA PUBLIC KEY block");
    }

    @Test
    void fromFile_withoutKeys_saysSo(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "nothing here");
        assertThatThrownBy(() -> TokenVerifier.fromFile(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no RSA public key");
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
