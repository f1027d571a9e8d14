package io.wormhole.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operations, {@code GATEWAY_HANDSHAKE_TIMEOUT}: a connection that has not completed its
 * HTTP request within the timeout is closed (a TCP client that sends nothing, one that
 * dribbles its headers a line at a time), while an upgraded WebSocket lives on.
 */
class HandshakeTimeoutIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with("GATEWAY_HANDSHAKE_TIMEOUT", "3s");

    /** How often the dribbling client sends a header line, and how long it waits for EOF meanwhile. */
    private static final int LINE_EVERY_MILLIS = 200;

    @Test
    void silentTcpClient_isClosed_whileAnUpgradedSocketLivesOn() throws IOException {
        WsClient upgraded = gateway.connect();
        try (Socket silent = new Socket("127.0.0.1", gateway.port())) {
            assertThat(closedByTheNode(silent, null)).as("the silent connection was closed by the node").isTrue();
        }
        upgraded.assertServes();
    }

    @Test
    void clientDribblingItsHeaders_isClosed() throws IOException {
        try (Socket slow = new Socket("127.0.0.1", gateway.port())) {
            slow.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: gateway\r\n".getBytes(US_ASCII));
            assertThat(closedByTheNode(slow, "X-Slow: 1\r\n")).as("the dribbling connection was closed by the node")
                    .isTrue();
        }
    }

    /**
     * Waits up to {@link WsClient#WAIT} for the node to close the connection, sending the
     * line (unless null) every {@link #LINE_EVERY_MILLIS}; true when it did.
     */
    private static boolean closedByTheNode(Socket socket, String line) throws IOException {
        socket.setSoTimeout(LINE_EVERY_MILLIS);
        InputStream in = socket.getInputStream();
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                if (line != null) {
                    try {
                        socket.getOutputStream().write(line.getBytes(US_ASCII));
                    } catch (IOException reset) {
                        return true;
                    }
                }
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
