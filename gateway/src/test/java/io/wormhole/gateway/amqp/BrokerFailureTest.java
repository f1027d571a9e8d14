package io.wormhole.gateway.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;

/** Broker failures named in the broker's words, and a lost connection told from a refusal. */
class BrokerFailureTest {
    private static final String DEFAULT_VHOST = "amqp://guest:guest@rabbit:5672/%2F";
    private static final String EMPTY_VHOST = "amqp://guest:guest@rabbit:5672/";

    @Test
    void describe_vhostNotFoundWithATrailingSlash_givesTheBrokersWordsAndTheFix() {
        IOException e = new IOException(null, connectionClose(530, "NOT_ALLOWED - vhost  not found"));

        assertThat(BrokerFailure.describe(e, EMPTY_VHOST))
                .startsWith("the broker closed the connection: 530 NOT_ALLOWED - vhost  not found (the URI ends with '/'")
                .contains("%2F");
        assertThat(BrokerFailure.describe(e, DEFAULT_VHOST)).doesNotContain("ends with");
    }

    @Test
    void describe_networkFailures_nameTheirKind() {
        assertThat(BrokerFailure.describe(new ConnectException("Connection refused"), DEFAULT_VHOST))
                .isEqualTo("connection refused (Connection refused)");
        assertThat(BrokerFailure.describe(new IOException(new UnknownHostException("rabbit")), DEFAULT_VHOST))
                .isEqualTo("unknown host rabbit (DNS)");
        assertThat(BrokerFailure.describe(new SSLHandshakeException("PKIX path building failed"), DEFAULT_VHOST))
                .isEqualTo("TLS failed: PKIX path building failed");
        assertThat(BrokerFailure.describe(new AuthenticationFailureException(
                "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN"), DEFAULT_VHOST))
                .startsWith("access refused: ACCESS_REFUSED");
        assertThat(BrokerFailure.describe(new IOException(), DEFAULT_VHOST)).isEqualTo("IOException");
    }

    @Test
    void isOutage_closedConnection_isAnOutage_channelRefusalIsNot() {
        ShutdownSignalException connectionGone = connectionClose(320, "CONNECTION_FORCED - shutdown");
        assertThat(BrokerFailure.isOutage(new AlreadyClosedException(connectionGone))).isTrue();
        assertThat(BrokerFailure.isOutage(new AmqpException("bind failed", new IOException(connectionGone))))
                .isTrue();
        assertThat(BrokerFailure.isOutage(new java.net.SocketException("Connection reset"))).isTrue();

        ShutdownSignalException refused = new ShutdownSignalException(false, false,
                new AMQImpl.Channel.Close(404, "NOT_FOUND - no exchange 'x'", 0, 0), null);
        assertThat(BrokerFailure.isOutage(new AmqpException("bind failed", new IOException(refused)))).isFalse();
        assertThat(BrokerFailure.isOutage(new IllegalStateException("a bug"))).isFalse();
    }

    private static ShutdownSignalException connectionClose(int code, String text) {
        return new ShutdownSignalException(true, false, new AMQImpl.Connection.Close(code, text, 0, 0), null);
    }
}
