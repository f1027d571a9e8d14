package io.wormhole.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A WebSocket upgrade written by hand on a plain TCP socket, for stories about what
 * comes before HTTP: the bytes of a PROXY protocol header ({@link #v1}, {@link #v2}) go
 * first, then the upgrade request with chosen headers. Tells the answer's HTTP status,
 * or -1 when the node closed the connection without an answer. An accepted socket
 * stays open until {@link #close()}. Reads are bounded by {@link WsClient#WAIT}.
 */
public final class RawUpgrade implements AutoCloseable {
    private final Socket socket;
    private final int status;

    private RawUpgrade(int port, byte[] prefix, Map<String, String> headers) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            socket.setTcpNoDelay(true); // the header and the request in segments of their own, as often as not
            StringBuilder request = new StringBuilder("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(prefix);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            status = readStatus(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Upgrades after these bytes (a PROXY header, or none) with these request headers. */
    public static RawUpgrade to(int port, byte[] prefix, Map<String, String> headers) {
        return new RawUpgrade(port, prefix, headers);
    }

    /** A PROXY protocol v1 line for a TCP4 connection from this source to 127.0.0.1. */
    public static byte[] v1(String source, int port) {
        return ("PROXY TCP4 " + source + " 127.0.0.1 40000 " + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A PROXY protocol v2 binary header (PROXY command, TCP over IPv4) from this source to 127.0.0.1. */
    public static byte[] v2(String source, int port) {
        ByteBuffer b = ByteBuffer.allocate(16 + 12);
        b.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.put((byte) 0x21); // version 2, PROXY
        b.put((byte) 0x11); // AF_INET, STREAM
        b.putShort((short) 12);
        b.put(address(source));
        b.put(new byte[] {127, 0, 0, 1});
        b.putShort((short) 40000);
        b.putShort((short) port);
        return b.array();
    }

    /** The HTTP status of the answer (101: upgraded), or -1 when the node closed without one. */
    public int status() {
        return status;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket the node may already have closed
        }
    }

    private static byte[] address(String dotted) {
        try {
            return InetAddress.getByName(dotted).getAddress(); // a literal: no lookup
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int readStatus(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) != -1) {
                head.write(c);
                if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketException reset) {
            return -1;
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.1 ")) {
            return -1;
        }
        return Integer.parseInt(text.substring(9, 12));
    }
}
