package io.wormhole.gateway.ws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.netty.tcp.SslProvider;

/**
 * The wss port's certificate: a PEM certificate chain and its PEM private key
 * (PKCS#8), read at start and read again every check interval; when either file's
 * content changed and the pair loads, new TLS handshakes use it (open connections keep
 * theirs). A pair that does not load (a renewal caught half-written) leaves the last
 * good one in place and is logged once; the next change is tried again. BoringSSL
 * (netty-tcnative) is used when its native library loads, else the JDK's TLS; which
 * one is logged at start.
 *
 * <p>Threading: the checks run on the given scheduler (they read files, so in
 * production a scheduler for blocking work); {@link #provider()} is read by Reactor
 * Netty on event loops for every handshake and only ever sees a complete context.
 */
final class TlsContext implements Disposable {
    private static final Logger log = LoggerFactory.getLogger(TlsContext.class);

    private final Path certFile;
    private final Path keyFile;
    private final io.netty.handler.ssl.SslProvider engine;
    private final SslProvider provider;
    /** What new handshakes get; replaced whole, so a handshake never sees half a renewal. */
    private volatile Loaded current;
    // last contents seen, loaded or not; touched only by the checks, one at a time
    private byte[] seenCert;
    private byte[] seenKey;
    private Disposable checks = () -> { };

    private TlsContext(Path certFile, Path keyFile) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.engine = OpenSsl.isAvailable() ? io.netty.handler.ssl.SslProvider.OPENSSL
                : io.netty.handler.ssl.SslProvider.JDK;
        byte[] cert = read(certFile);
        byte[] key = read(keyFile);
        this.current = load(cert, key);
        this.seenCert = cert;
        this.seenKey = key;
        // every handshake asks for the context of the moment (with or without SNI)
        this.provider = SslProvider.builder().sslContext(current.context())
                .setSniAsyncMappings((host, promise) -> promise.setSuccess(current.provider()))
                .build();
    }

    /**
     * Loads the pair and checks it for changes every {@code interval} on {@code scheduler}.
     *
     * @throws IllegalArgumentException when the files cannot be read or do not form a usable pair
     */
    static TlsContext load(Path certFile, Path keyFile, Duration interval, Scheduler scheduler) {
        TlsContext tls = new TlsContext(certFile, keyFile);
        X509Certificate leaf = tls.certificate();
        log.info("wss: TLS by {}{}; certificate serial {} for {}, valid until {}; checked for changes every {}",
                tls.engine == io.netty.handler.ssl.SslProvider.OPENSSL ? OpenSsl.versionString() + " (netty-tcnative)"
                        : "the JDK",
                tls.engine == io.netty.handler.ssl.SslProvider.OPENSSL ? ""
                        : " (BoringSSL unavailable: " + OpenSsl.unavailabilityCause() + ")",
                leaf.getSerialNumber().toString(16), leaf.getSubjectX500Principal().getName(),
                leaf.getNotAfter().toInstant(), interval);
        tls.checks = scheduler.schedulePeriodically(tls::check, interval.toNanos(), interval.toNanos(),
                java.util.concurrent.TimeUnit.NANOSECONDS);
        return tls;
    }

    /** What Reactor Netty's {@code secure(...)} takes: resolves to the current context per handshake. */
    SslProvider provider() {
        return provider;
    }

    /** The leaf certificate new handshakes present. */
    X509Certificate certificate() {
        return current.certificate();
    }

    /** Reads both files; switches to them when they changed and load. */
    void check() {
        byte[] cert;
        byte[] key;
        try {
            cert = Files.readAllBytes(certFile);
            key = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            log.warn("wss: cannot read the certificate files ({}); keeping the current certificate", e.toString());
            return;
        }
        if (Arrays.equals(cert, seenCert) && Arrays.equals(key, seenKey)) {
            return;
        }
        seenCert = cert;
        seenKey = key;
        try {
            current = load(cert, key);
            X509Certificate leaf = current.certificate();
            log.info("wss: certificate reloaded: serial {} for {}, valid until {}", leaf.getSerialNumber().toString(16),
                    leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant());
        } catch (IllegalArgumentException e) {
            log.warn("wss: the changed certificate files do not load ({}); keeping serial {}", e.getMessage(),
                    current.certificate().getSerialNumber().toString(16));
        }
    }

    @Override
    public void dispose() {
        checks.dispose();
    }

    private Loaded load(byte[] cert, byte[] key) {
        X509Certificate leaf = firstCertificate(cert);
        try {
            SslContext context = SslContextBuilder.forServer(new ByteArrayInputStream(cert),
                    new ByteArrayInputStream(key)).sslProvider(engine).build();
            return new Loaded(context, SslProvider.builder().sslContext(context).build(), leaf);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PEM certificate chain (" + certFile + ") and a PKCS#8 PEM key ("
                    + keyFile + "): " + rootMessage(e), e);
        }
    }

    private X509Certificate firstCertificate(byte[] cert) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("no X.509 certificate in " + certFile + ": " + rootMessage(e), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
    }

    /** One loaded pair: the context, Reactor Netty's wrapper of it, and the leaf for logs and tests. */
    private record Loaded(SslContext context, SslProvider provider, X509Certificate certificate) {
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }
}
