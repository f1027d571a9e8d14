package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operations "Behind a load balancer": wss on {@code GATEWAY_WSS_PORT} with a PEM chain
 * signed by a test CA (the client trusts only that CA and checks the name), plain ws
 * beside it, and a renewal without a restart: the next handshake gets the new
 * certificate, an open socket stays.
 */
class WssIT {
    private static final TestCertificates CERTS = TestCertificates.create();

    static {
        CERTS.issue(1);
    }

    @RegisterExtension
    static final TestGateway gateway = TestGateway.with(
            "GATEWAY_WSS_PORT", "0",
            "GATEWAY_TLS_CERT", CERTS.chain().toString(),
            "GATEWAY_TLS_KEY", CERTS.key().toString(),
            "GATEWAY_TLS_RELOAD", "100ms");

    @Test
    void wss_clientTrustingTheCa_isServed_andPlainWsStaysAvailable() {
        try (UpgradeAttempt wss = UpgradeAttempt.secure(gateway.node().securePort(), CERTS.trust())) {
            assertThat(wss.status()).isEqualTo(101);
            assertThat(wss.pingReply().at("/data/response").asText()).isEqualTo("pong");
        }
        gateway.connect().assertServes();
    }

    @Test
    void renewal_filesReplaced_theNextHandshakeSeesTheNewSerial_andAnOpenSocketStays() {
        long serial = servedSerial();
        try (WsClient open = WsClient.connectSecure(gateway.node().securePort(), CERTS.trust())) {
            CERTS.issue(serial + 1);

            TestGateway.eventually(Duration.ofSeconds(10), WssIT::servedSerial, s -> s == serial + 1,
                    "a handshake with the renewed certificate");
            open.assertServes();
        }
    }

    private static long servedSerial() {
        try (UpgradeAttempt a = UpgradeAttempt.secure(gateway.node().securePort(), CERTS.trust())) {
            return a.serverCertificate().getSerialNumber().longValueExact();
        }
    }
}
