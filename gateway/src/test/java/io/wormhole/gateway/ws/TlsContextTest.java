package io.wormhole.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.test.scheduler.VirtualTimeScheduler;

/** The wss certificate's renewals, on virtual time; certificates made by the openssl CLI. */
class TlsContextTest {
    private static final Duration CHECK = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path cert;
    private Path key;
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private TlsContext tls;

    @BeforeEach
    void firstCertificate() throws Exception {
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        selfSigned(0x1001, cert, key);
        tls = TlsContext.load(cert, key, CHECK, time);
    }

    @AfterEach
    void stop() {
        tls.dispose();
        time.dispose();
    }

    @Test
    void check_filesReplaced_theNextCheckServesTheNewCertificate() throws Exception {
        selfSigned(0x1002, cert, key);

        time.advanceTimeBy(CHECK.minusMillis(1));
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(BigInteger.valueOf(0x1001));
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(BigInteger.valueOf(0x1002));
    }

    @Test
    void check_renewalCaughtHalfWritten_keepsTheOldCertificateUntilTheFilesLoad() throws Exception {
        Path next = dir.resolve("next");
        Files.createDirectory(next);
        selfSigned(0x1003, next.resolve("cert.pem"), next.resolve("key.pem"));
        byte[] full = Files.readAllBytes(next.resolve("cert.pem"));
        Files.write(cert, java.util.Arrays.copyOf(full, full.length / 2));

        time.advanceTimeBy(CHECK);
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(BigInteger.valueOf(0x1001));

        Files.write(cert, full);
        Files.copy(next.resolve("key.pem"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        time.advanceTimeBy(CHECK);
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(BigInteger.valueOf(0x1003));
    }

    @Test
    void check_filesRemoved_keepsTheCurrentCertificate() throws Exception {
        Files.delete(cert);
        time.advanceTimeBy(CHECK);
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(BigInteger.valueOf(0x1001));
    }

    @Test
    void dispose_stopsTheChecks() throws Exception {
        tls.dispose();
        selfSigned(0x1004, cert, key);
        time.advanceTimeBy(CHECK.multipliedBy(2));
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(BigInteger.valueOf(0x1001));
    }

    @Test
    void load_keyFileMissing_isRefusedNamingTheFile() {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsContext.load(cert, missing, CHECK, time))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void load_certificateFileNotPem_isRefusedNamingTheFile() throws IOException {
        Files.writeString(cert, "not a certificate");
        assertThatThrownBy(() -> TlsContext.load(cert, key, CHECK, time))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(cert.toString());
    }

    /** A self-signed P-256 certificate for localhost with this serial, and its PKCS#8 key. */
    static void selfSigned(long serial, Path certFile, Path keyFile) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-set_serial", Long.toString(serial), "-keyout", keyFile.toString(), "-out", certFile.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("openssl failed: " + output);
        }
    }
}
