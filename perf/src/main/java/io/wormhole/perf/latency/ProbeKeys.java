package io.wormhole.perf.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import io.wormhole.gateway.auth.TokenSigner;

/**
 * The probe plays Kazoo's Crossbar: an RSA key pair kept in a directory across runs (the
 * gateway is started once with the public half as {@code GATEWAY_JWT_KEYS}, then probed
 * many times), and RS256 tokens with {@code account_id} and {@code exp}. Files:
 * {@code jwt-private.pem} (PKCS#8, owner-only) and {@code jwt-public.pem} (X.509).
 */
final class ProbeKeys {
    private static final String PRIVATE = "jwt-private.pem";
    private static final String PUBLIC = "jwt-public.pem";

    private final TokenSigner signer;
    private final Path publicKeyFile;

    private ProbeKeys(KeyPair keys, Path publicKeyFile) {
        this.signer = TokenSigner.of(keys);
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the pair from the directory, or makes and writes one when it has none. */
    static ProbeKeys loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
        Path priv = dir.resolve(PRIVATE);
        Path pub = dir.resolve(PUBLIC);
        if (Files.exists(priv) && Files.exists(pub)) {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(priv, StandardCharsets.US_ASCII))));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(unpem(Files.readString(pub, StandardCharsets.US_ASCII))));
            return new ProbeKeys(new KeyPair(publicKey, privateKey), pub);
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        Files.createDirectories(dir);
        Files.deleteIfExists(priv);
        Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        return new ProbeKeys(pair, pub);
    }

    /** The PEM file for the gateway's {@code GATEWAY_JWT_KEYS}. */
    Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A token for the account, valid from now for {@code lifetime}. */
    String token(String accountId, Duration lifetime) {
        return signer.sign(accountId, lifetime);
    }

    /** A random Kazoo Account id: 32 lowercase hex digits. */
    static String randomAccountId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String text) {
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
