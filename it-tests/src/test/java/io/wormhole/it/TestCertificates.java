package io.wormhole.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * A test CA and server certificates it signs for 127.0.0.1, made by the {@code openssl}
 * CLI in a temporary directory: {@link #issue} writes the PEM chain (leaf, then CA) and
 * the PKCS#8 key where {@code GATEWAY_TLS_CERT} / {@code GATEWAY_TLS_KEY} point, each
 * file replaced in one rename, as a renewal tool would.
 */
public final class TestCertificates {
    private final Path dir;
    private final Path caCert;
    private final Path caKey;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.caKey = dir.resolve("ca.key");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=Wormhole test CA", "-keyout", caKey.toString(), "-out", caCert.toString());
    }

    /** A new CA in a new temporary directory. */
    public static TestCertificates create() {
        try {
            return new TestCertificates(Files.createTempDirectory("wormhole-tls"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client context that trusts only this CA (Reactor Netty checks the host name too). */
    public SslContext trust() {
        try {
            return SslContextBuilder.forClient().trustManager(caCert.toFile()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot trust " + caCert, e);
        }
    }

    /** Where the node's certificate chain is written. */
    public Path chain() {
        return dir.resolve("chain.pem");
    }

    /** Where the node's private key is written. */
    public Path key() {
        return dir.resolve("key.pem");
    }

    /** Issues a certificate for 127.0.0.1 with this serial and puts it (with its key) in place. */
    public void issue(long serial) {
        Path key = dir.resolve(serial + ".key");
        Path csr = dir.resolve(serial + ".csr");
        Path leaf = dir.resolve(serial + ".pem");
        Path ext = dir.resolve(serial + ".ext");
        try {
            Files.writeString(ext, "subjectAltName=IP:127.0.0.1\n");
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                    "/CN=127.0.0.1", "-keyout", key.toString(), "-out", csr.toString());
            openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                    "-set_serial", Long.toString(serial), "-days", "2", "-extfile", ext.toString(),
                    "-out", leaf.toString());
            Path chainNext = dir.resolve(serial + ".chain");
            Files.writeString(chainNext, Files.readString(leaf) + Files.readString(caCert));
            Files.move(key, key(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(chainNext, chain(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("openssl failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
