package io.wormhole.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netty.util.NetUtil;
import io.wormhole.gateway.session.OverflowPolicy;
import io.wormhole.gateway.ws.ProxyProtocol;
import io.wormhole.protocol.payload.PayloadForm;

class GatewayConfigTest {

    @Test
    void load_nothingSet_usesDocumentedDefaults() {
        GatewayConfig c = GatewayConfig.load(Map.of());
        assertThat(c.amqpUris()).isEmpty();
        assertThat(c.amqpPrefetch()).isEqualTo(1000);
        assertThat(c.amqpHeartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.wsHost()).as("no broker named: demo mode, loopback only").isEqualTo("127.0.0.1");
        assertThat(c.wsPort()).isEqualTo(5555);
        assertThat(c.payloadForm()).isEqualTo(PayloadForm.KAZOO);
        assertThat(c.outboxFrames()).isEqualTo(1000);
        assertThat(c.outboxBytes()).isEqualTo(1024 * 1024);
        assertThat(c.overflow()).isEqualTo(OverflowPolicy.DROP_OLDEST);
        assertThat(c.maxFrame()).isEqualTo(64 * 1024);
        assertThat(c.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pingTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.authTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.rateBurst()).isEqualTo(100);
        assertThat(c.ratePerSecond()).isEqualTo(10.0);
        assertThat(c.maxBindings()).isEqualTo(1000);
        assertThat(c.maxBindingsPerRequest()).isEqualTo(100);
        assertThat(c.maxConnPerIp()).isZero();
        assertThat(c.allowedOrigins()).isEmpty();
        assertThat(c.unbindGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.drain()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.accountWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.accountWaitEvents()).isEqualTo(10_000);
        assertThat(c.accountWaitBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(c.crossbarUrl()).isNull();
        assertThat(c.accountsFile()).isNull();
        assertThat(c.authzCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void load_nothingSet_edgeSettingsHaveTheirDocumentedDefaults() {
        GatewayConfig c = GatewayConfig.load(Map.of());
        assertThat(c.wssPort()).isEqualTo(5556);
        assertThat(c.tlsCert()).isNull();
        assertThat(c.tlsKey()).isNull();
        assertThat(c.tlsReload()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.proxyProtocol()).isEqualTo(ProxyProtocol.OFF);
        assertThat(c.trustForwarded()).isFalse();
        assertThat(c.trustedProxies().contains(InetAddress.getLoopbackAddress())).isTrue();
        assertThat(c.trustedProxies().contains(NetUtil.createInetAddressFromIpAddressString("10.0.0.1"))).isFalse();
    }

    @Test
    void load_edgeSettings_areParsed() {
        GatewayConfig c = GatewayConfig.load(Map.of(
                "GATEWAY_WSS_PORT", "8443",
                "GATEWAY_TLS_CERT", "/etc/wormhole/cert.pem",
                "GATEWAY_TLS_KEY", "/etc/wormhole/key.pem",
                "GATEWAY_PROXY_PROTOCOL", "auto",
                "GATEWAY_TRUST_FORWARDED", "true",
                "GATEWAY_TRUSTED_PROXIES", ""));
        assertThat(c.wssPort()).isEqualTo(8443);
        assertThat(c.tlsCert()).isEqualTo("/etc/wormhole/cert.pem");
        assertThat(c.proxyProtocol()).isEqualTo(ProxyProtocol.AUTO);
        assertThat(c.trustForwarded()).isTrue();
        assertThat(c.trustedProxies().contains(InetAddress.getLoopbackAddress())).as("empty: nobody").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GATEWAY_TLS_CERT        | /etc/cert.pem | set both (wss) or neither",
        "GATEWAY_TLS_KEY         | /etc/key.pem  | set both (wss) or neither",
        "GATEWAY_PROXY_PROTOCOL  | yes           | GATEWAY_PROXY_PROTOCOL: 'yes' is not 'off', 'on' or 'auto'",
        "GATEWAY_TRUSTED_PROXIES | lb.local      | GATEWAY_TRUSTED_PROXIES: 'lb.local' is not a comma-separated list of CIDRs",
    })
    void load_edgeSettingMalformed_namesTheSetting(String key, String value, String message) {
        assertThatThrownBy(() -> GatewayConfig.load(Map.of(key, value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void load_authorisationSettings_crossbarUrlLosesTrailingSlashAndTtlMayBeZero() {
        GatewayConfig c = GatewayConfig.load(Map.of(
                "GATEWAY_CROSSBAR_URL", "https://crossbar.example.com:8443/",
                "GATEWAY_ACCOUNTS_FILE", "/etc/wormhole/accounts.json",
                "GATEWAY_AUTHZ_CACHE_TTL", "0"));
        assertThat(c.crossbarUrl()).isEqualTo("https://crossbar.example.com:8443");
        assertThat(c.accountsFile()).isEqualTo("/etc/wormhole/accounts.json");
        assertThat(c.authzCacheTtl()).isZero();
    }

    @Test
    void load_fileAndEnvironment_environmentWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "ws.port=6000\namqp.prefetch=50\noverflow=close\n");
        GatewayConfig c = GatewayConfig.load(Map.of("GATEWAY_CONFIG", file.toString(), "GATEWAY_WS_PORT", "7000"));
        assertThat(c.wsPort()).isEqualTo(7000);
        assertThat(c.amqpPrefetch()).isEqualTo(50);
        assertThat(c.overflow()).isEqualTo(OverflowPolicy.CLOSE);
    }

    @Test
    void load_unknownKeyInFile_namesTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "ws.prot=6000\n");
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("GATEWAY_CONFIG", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'ws.prot'")
                .hasMessageContaining("ws.port");
    }

    @Test
    void load_missingFile_saysSo() {
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("GATEWAY_CONFIG", "/nonexistent/x.properties")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GATEWAY_WS_PORT|70000|a port 0..65535",
        "GATEWAY_WS_PORT|abc|a port 0..65535",
        "GATEWAY_AMQP_PREFETCH|0|a whole number >= 1",
        "GATEWAY_OUTBOX_BYTES|1 MB|a size such as 1048576 or 1MiB",
        "GATEWAY_OVERFLOW|drop_all|'drop_oldest', 'drop_newest' or 'close'",
        "GATEWAY_PAYLOAD_FORM|xml|'kazoo' or 'raw'",
        "GATEWAY_PING_INTERVAL|0s|a duration such as 30s",
        "GATEWAY_UNBIND_GRACE|soon|a duration such as 10s",
        "GATEWAY_AMQP_URI|http://x|a comma-separated list of amqp:// URIs",
        "GATEWAY_MAX_FRAME|32MiB|a size such as 65536 or 64KiB, at most 16MiB",
        "GATEWAY_RATE_PER_SECOND|-1|a positive number",
        "GATEWAY_CROSSBAR_URL|crossbar:8000|an http:// or https:// base URL such as http://crossbar:8000",
        "GATEWAY_CROSSBAR_URL|ftp://crossbar|an http:// or https:// base URL such as http://crossbar:8000",
        "GATEWAY_CROSSBAR_URL|http://crossbar:8000/?x=1|an http:// or https:// base URL such as http://crossbar:8000",
        "GATEWAY_AUTHZ_CACHE_TTL|a minute|a duration such as 60s (0 = no reuse)",
        "GATEWAY_ACCOUNT_WAIT|-1s|a duration such as 2s (0 = hold nothing)",
        "GATEWAY_ACCOUNT_WAIT_EVENTS|0|a whole number >= 1",
        "GATEWAY_ACCOUNT_WAIT_BYTES|lots|a size such as 8388608 or 8MiB",
    })
    void load_malformedValue_namesSettingAndExpectedForm(String env, String value, String form) {
        assertThatThrownBy(() -> GatewayConfig.load(Map.of(env, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(env + ": '" + value + "' is not " + form);
    }

    @Test
    void load_sizesAndDurations_parseTheirUnits() {
        GatewayConfig c = GatewayConfig.load(Map.of(
                "GATEWAY_OUTBOX_BYTES", "64KiB",
                "GATEWAY_MAX_FRAME", "1024",
                "GATEWAY_PING_INTERVAL", "250ms",
                "GATEWAY_UNBIND_GRACE", "2",
                "GATEWAY_DRAIN", "1m",
                "GATEWAY_ACCOUNT_WAIT", "0"));
        assertThat(c.outboxBytes()).isEqualTo(65536);
        assertThat(c.maxFrame()).isEqualTo(1024);
        assertThat(c.pingInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.pingTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.unbindGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.drain()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.accountWait()).isZero();
    }

    @Test
    void load_clusterUris_keepsEachInOrder() {
        GatewayConfig c = GatewayConfig.load(Map.of("GATEWAY_AMQP_URI",
                "amqp://u:p@rabbit1:5672/%2F, amqp://u:p@rabbit2:5672/%2F"));
        assertThat(c.amqpUris()).isEqualTo(List.of("amqp://u:p@rabbit1:5672/%2F", "amqp://u:p@rabbit2:5672/%2F"));
    }

    @Test
    void fileKey_isTheDottedLowerCaseName() {
        assertThat(GatewayConfig.MAX_BINDINGS_PER_REQUEST.fileKey()).isEqualTo("max.bindings.per.request");
    }

    @Test
    void amqpHeartbeat_set_isUsedAndZeroTurnsItOff() {
        assertThat(GatewayConfig.fromValues(Map.of("GATEWAY_AMQP_HEARTBEAT", "30s")).amqpHeartbeat())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(GatewayConfig.fromValues(Map.of("GATEWAY_AMQP_HEARTBEAT", "0s")).amqpHeartbeat()).isZero();
    }

    @Test
    void amqpHeartbeat_notWholeSeconds_isAStartErrorNamingTheSetting() {
        assertThatThrownBy(() -> GatewayConfig.fromValues(Map.of("GATEWAY_AMQP_HEARTBEAT", "1500ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_AMQP_HEARTBEAT: '1500ms'");
    }
}
