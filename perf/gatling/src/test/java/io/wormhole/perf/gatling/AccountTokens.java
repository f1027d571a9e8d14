package io.wormhole.perf.gatling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The pool of accounts the virtual users subscribe to, with one RS256 token each, as
 * Kazoo's Crossbar issues them ({@code account_id}, {@code iat}, {@code exp}).
 *
 * <p>The key pair is the push-latency probe's ({@code PushLatencyProbe --keygen-only
 * --keys DIR}, see perf/run-gatling.sh): the gateway trusts {@code DIR/jwt-public.pem}, this class
 * signs with {@code DIR/jwt-private.pem} (PKCS#8). Tokens are signed once per account
 * before the load starts, so no RSA signing (about 1 ms of CPU each) competes with it.
 */
final class AccountTokens {
    static final String PRIVATE_KEY_FILE = "jwt-private.pem";

    private final List<String> accountIds;
    private final List<String> tokens;

    private AccountTokens(List<String> accountIds, List<String> tokens) {
        this.accountIds = accountIds;
        this.tokens = tokens;
    }

    /** Signs a token valid for {@code lifetime} for each of {@code count} accounts. */
    static AccountTokens sign(Path keysDir, int count, Duration lifetime) throws IOException, GeneralSecurityException {
        Path file = keysDir.resolve(PRIVATE_KEY_FILE);
        if (!Files.isReadable(file)) {
            throw new IOException(file.toAbsolutePath() + " not found: make the keys with "
                    + "'java -cp perf/target/benchmarks.jar io.wormhole.perf.latency.PushLatencyProbe --keygen-only --keys DIR' "
                    + "and pass -Dkeys=DIR (perf/run-gatling.sh does both)");
        }
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(file, StandardCharsets.US_ASCII))));
        RSASSASigner signer = new RSASSASigner(key);
        List<String> ids = new ArrayList<>(count);
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = accountId(i);
            ids.add(id);
            tokens.add(token(signer, id, lifetime));
        }
        return new AccountTokens(List.copyOf(ids), List.copyOf(tokens));
    }

    /** Account {@code i} of the pool: 32 lower-case hex characters, as Kazoo's. */
    static String accountId(int i) {
        return "9a0c" + String.format("%028x", i);
    }

    int size() {
        return accountIds.size();
    }

    /** The id of pool account {@code index}. */
    String idOf(int index) {
        return accountIds.get(index);
    }

    /** The token of pool account {@code index}. */
    String tokenOf(int index) {
        return tokens.get(index);
    }

    List<String> accountIds() {
        return accountIds;
    }

    private static String token(RSASSASigner signer, String accountId, Duration lifetime) throws GeneralSecurityException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("account_id", accountId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new GeneralSecurityException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private static byte[] unpem(String text) {
        return Base64.getDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
