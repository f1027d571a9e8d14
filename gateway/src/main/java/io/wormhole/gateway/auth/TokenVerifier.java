package io.wormhole.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import reactor.core.publisher.Mono;

/**
 * Verifies Kazoo-style JWTs: RS256, RS384 or RS512 signatures by one of the configured
 * RSA public keys, {@code exp} required and enforced (and {@code nbf} when present)
 * with {@value #CLOCK_SKEW_SECONDS} s of clock skew, and an {@code account_id} claim.
 * {@code alg: none}, HMAC (the public-key-as-secret confusion) and every other
 * algorithm are refused. Keys from a PEM file carry no key id and verify a token
 * whatever its {@code kid}; keys from a JWKS document verify only tokens naming their
 * {@code kid} (or naming none); a key from Crossbar only tokens naming its {@code kid}.
 *
 * <p>Every failure is a {@link ProtocolException} with code {@code token_invalid}
 * whose text starts with {@code failed to authenticate token} and never contains the
 * token. Every failure is also counted and logged by token digest (see
 * {@link #countingRejectionsIn}). Thread-safe; CPU only (one RSA verification, about
 * 0.1 ms).
 */
public final class TokenVerifier {
    /** Default of how far past {@code exp} (or before {@code nbf}) a token is still accepted. */
    static final int CLOCK_SKEW_SECONDS = 30;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512);

    private static final String EXPIRED = "token expired";
    private static final String NOT_YET_VALID = "token not valid yet";

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Rejections rejections;
    private final Duration clockSkew;

    private TokenVerifier(List<RSAKey> keys) {
        this(keys, null);
    }

    private TokenVerifier(List<RSAKey> keys, JwksSource remote) {
        this(new KeySelector(List.copyOf(keys), remote, null));
    }

    private TokenVerifier(KeySelector selector) {
        this(processor(selector, Duration.ofSeconds(CLOCK_SKEW_SECONDS)),
                Rejections.uncounted(), Duration.ofSeconds(CLOCK_SKEW_SECONDS));
    }

    private TokenVerifier(DefaultJWTProcessor<SecurityContext> processor, Rejections rejections) {
        this(processor, rejections, Duration.ofSeconds(CLOCK_SKEW_SECONDS));
    }

    private TokenVerifier(DefaultJWTProcessor<SecurityContext> processor, Rejections rejections,
            Duration clockSkew) {
        this.processor = processor;
        this.rejections = rejections;
        this.clockSkew = clockSkew;
    }

    private static DefaultJWTProcessor<SecurityContext> processor(KeySelector keys, Duration skew) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(keys);
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(null, Set.of("exp", "account_id"));
        claims.setMaxClockSkew(Math.toIntExact(skew.toSeconds()));
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }

    /** The same keys and counting, accepting tokens this far past {@code exp} (whole seconds). */
    public TokenVerifier withClockSkew(Duration skew) {
        return new TokenVerifier(processor((KeySelector) processor.getJWSKeySelector(), skew), rejections, skew);
    }

    /** How far past {@code exp} a token is still accepted; a session expires at {@code exp} plus this. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** A verifier trusting exactly these keys. */
    public static TokenVerifier of(List<RSAPublicKey> keys) {
        List<RSAKey> jwks = new ArrayList<>();
        for (RSAPublicKey k : keys) {
            jwks.add(new RSAKey.Builder(k).build());
        }
        return new TokenVerifier(jwks);
    }

    /**
     * Reads a PEM file with one or more {@code PUBLIC KEY} or {@code RSA PUBLIC KEY}
     * (PKCS#1, Kazoo's form) blocks, or a JWKS document.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static TokenVerifier fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file '" + file + "': " + e.getMessage(), e);
        }
        List<RSAKey> keys = text.trim().startsWith("{") ? jwks(file, text) : pem(file, text);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("key file '" + file + "' holds no RSA public key");
        }
        return new TokenVerifier(keys);
    }

    /**
     * Trusts the RSA keys of the JWKS document at this {@code http(s)} URL, fetched
     * asynchronously now and every {@code refresh} (see {@link JwksSource}); tokens are
     * refused until the first fetch succeeded. {@link #close()} stops the refreshing.
     */
    public static TokenVerifier fromJwksUrl(URI url, Duration refresh) {
        return new TokenVerifier(List.of(), new JwksSource(url, refresh));
    }

    /**
     * Trusts the key each token's {@code kid} names, as Kazoo's Crossbar at this base URL
     * serves it (see {@link CrossbarKeys}); {@link #prepare} fetches it asynchronously
     * before the token is verified.
     */
    public static TokenVerifier fromCrossbar(String baseUrl) {
        return fromCrossbar(new CrossbarKeys(baseUrl, CrossbarKeys.TIMEOUT, Ticker.systemTicker()));
    }

    static TokenVerifier fromCrossbar(CrossbarKeys keys) {
        return new TokenVerifier(new KeySelector(List.of(), null, keys));
    }

    /**
     * Completes when {@link #verify} can decide on this token without waiting: at once,
     * unless the keys come from Crossbar and the token's {@code kid} is not known yet,
     * which is then fetched (never blocking the caller). Never errors; {@code null}
     * (no token) completes at once.
     */
    public Mono<Void> prepare(String token) {
        CrossbarKeys crossbar = ((KeySelector) processor.getJWSKeySelector()).crossbar;
        if (crossbar == null || token == null) {
            return Mono.empty();
        }
        try {
            return crossbar.learn(JWSObject.parse(token).getHeader().getKeyID(), token);
        } catch (ParseException e) {
            return Mono.empty(); // verify refuses it as malformed
        }
    }

    /** Stops refreshing a JWKS URL's keys; nothing to do for fixed keys. */
    public void close() {
        JwksSource remote = ((KeySelector) processor.getJWSKeySelector()).remote;
        if (remote != null) {
            remote.close();
        }
    }

    /** A verifier that trusts no key: every token is refused (no keys configured). */
    public static TokenVerifier trustingNothing() {
        return new TokenVerifier(List.of());
    }

    /**
     * The same keys, with every refused token counted in {@code wormhole_auth_rejections_total}
     * ({@code reason} {@code token_invalid} or {@code token_expired}) of this registry.
     */
    public TokenVerifier countingRejectionsIn(io.micrometer.core.instrument.MeterRegistry registry) {
        return new TokenVerifier(processor, Rejections.in(registry), clockSkew);
    }

    /**
     * A verifier trusting this one's keys and these further ones (demo mode adds the key
     * of its own {@link TokenSigner} to the operator's keys); rejections are counted as
     * by this one.
     */
    public TokenVerifier trustingAlso(List<RSAPublicKey> more) {
        KeySelector current = (KeySelector) processor.getJWSKeySelector();
        List<RSAKey> all = new ArrayList<>(current.keys);
        for (RSAPublicKey k : more) {
            all.add(new RSAKey.Builder(k).build());
        }
        return new TokenVerifier(processor(new KeySelector(List.copyOf(all), current.remote, current.crossbar), clockSkew),
                rejections, clockSkew);
    }

    /** Verifies the token and returns who it speaks for. */
    public Identity verify(String token) {
        String why;
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Object account = claims.getClaim("account_id");
            if (account instanceof String && !((String) account).isEmpty()) {
                Date exp = claims.getExpirationTime();
                return new Identity((String) account, exp.toInstant(), digest(token));
            }
            why = "claim account_id must be a non-empty string";
        } catch (ParseException e) {
            why = "malformed token";
        } catch (BadJWTException e) {
            String m = String.valueOf(e.getMessage());
            why = m.contains("xpired") ? EXPIRED
                    : m.contains("before use time") ? NOT_YET_VALID
                    : m.contains("missing required claims") ? "token lacks exp or account_id"
                    : "claims rejected";
        } catch (BadJOSEException e) {
            String m = String.valueOf(e.getMessage());
            why = m.contains("nsecured") ? "unsigned tokens are not accepted"
                    : m.contains("signature") ? "bad signature"
                    : "algorithm not accepted or no matching key";
        } catch (JOSEException | RuntimeException e) {
            why = "token could not be verified";
        }
        Rejections.Reason reason = why.equals(EXPIRED) || why.equals(NOT_YET_VALID)
                ? Rejections.Reason.TOKEN_EXPIRED : Rejections.Reason.TOKEN_INVALID;
        rejections.token(reason, token == null ? "(none)" : digest(token), why);
        throw invalid(why);
    }

    /** A short, stable, one-way digest of a token: safe for logs and cache keys. */
    public static String digest(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static ProtocolException invalid(String why) {
        return new ProtocolException(ErrorCode.TOKEN_INVALID, "failed to authenticate token: " + why);
    }

    private static List<RSAKey> jwks(Path file, String text) {
        JWKSet set;
        try {
            set = JWKSet.parse(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("key file '" + file + "' is not a valid JWKS document: "
                    + e.getMessage(), e);
        }
        List<RSAKey> keys = new ArrayList<>();
        for (JWK k : set.getKeys()) {
            if (k instanceof RSAKey) {
                keys.add(((RSAKey) k).toPublicJWK());
            }
        }
        return keys;
    }

    private static List<RSAKey> pem(Path file, String text) {
        List<RSAKey> keys = new ArrayList<>();
        try {
            for (RSAPublicKey key : PemKeys.read(text)) {
                keys.add(new RSAKey.Builder(key).build());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file '" + file + "': " + e.getMessage(), e);
        }
        return keys;
    }

    /**
     * Candidate keys for a header: those whose kid matches, plus every key without a kid;
     * the fixed keys and, when there is one, the current keys of a JWKS URL or the key
     * Crossbar served for the header's kid.
     */
    private static final class KeySelector implements JWSKeySelector<SecurityContext> {
        private final List<RSAKey> keys;
        private final JwksSource remote; // null: no JWKS URL
        private final CrossbarKeys crossbar; // null: not Crossbar's keys

        KeySelector(List<RSAKey> keys, JwksSource remote, CrossbarKeys crossbar) {
            this.keys = keys;
            this.remote = remote;
            this.crossbar = crossbar;
        }

        @Override
        public List<? extends java.security.Key> selectJWSKeys(JWSHeader header, SecurityContext context)
                throws com.nimbusds.jose.KeySourceException {
            if (!ALGORITHMS.contains(header.getAlgorithm())) {
                return List.of();
            }
            List<java.security.Key> out = new ArrayList<>();
            String kid = header.getKeyID();
            List<RSAKey> candidates = keys;
            if (remote != null || crossbar != null) {
                candidates = new ArrayList<>(keys);
                if (remote != null) {
                    candidates.addAll(remote.keys());
                }
                if (crossbar != null) {
                    // without a kid Crossbar cannot be asked, so such a token finds no key
                    crossbar.key(kid).ifPresent(candidates::add);
                }
            }
            for (RSAKey k : candidates) {
                if (k.getKeyID() == null || k.getKeyID().equals(kid) || kid == null) {
                    try {
                        out.add(k.toRSAPublicKey());
                    } catch (JOSEException e) {
                        throw new com.nimbusds.jose.KeySourceException("unusable key", e);
                    }
                }
            }
            if (out.isEmpty() && remote != null && kid != null) {
                remote.unknownKeyId();
            }
            return out;
        }
    }

}
