package io.wormhole.protocol.message;

import io.wormhole.protocol.ErrorCode;
import io.wormhole.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSON codec of the WebSocket protocol: text frames to {@link Request}s (protocol
 * §2, §6) and {@link ServerMessage}s to the exact wire bytes (protocol §3, §5, §7).
 *
 * <p>Guarantees: {@code decode} fails only with {@link ProtocolException}, whatever the
 * input (not JSON, invalid UTF-8, nesting deeper than 64 levels, huge numbers, wrong
 * types), and the exception carries the request's id once it could be read. Encoded
 * frames are compact UTF-8 JSON with keys in the documented order, and an event's
 * {@code data} is spliced in byte for byte.
 *
 * <p>Threading: stateless and thread-safe; create one and share it. Every returned
 * array is new and belongs to the caller.
 */
public final class MessageCodec {

    private static final HexFormat HEX = HexFormat.of();

    private final RequestReader requests = new RequestReader();
    private final ServerMessageWriter writer = new ServerMessageWriter();
    private final ServerMessageReader serverMessages = new ServerMessageReader();

    public MessageCodec() {
    }

    /** Reads one request from the text of one text frame. */
    public Request decode(String text) throws ProtocolException {
        if (text == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "request is not valid JSON");
        }
        return requests.read(text);
    }

    /**
     * Reads one request from the payload of one text frame, which RFC 6455 §5.6 requires
     * to be UTF-8. Decoding is strict: malformed, overlong or surrogate sequences fail,
     * and no other encoding is guessed.
     */
    public Request decode(byte[] utf8) throws ProtocolException {
        if (utf8 == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "request is not valid JSON");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "request is not valid UTF-8");
        }
        return requests.read(text);
    }

    /** The failure for a binary frame, which the protocol does not use (protocol §1). */
    public static ProtocolException binaryFrame() {
        return new ProtocolException(ErrorCode.BAD_REQUEST,
                "binary frames are not supported; send one JSON object per text frame");
    }

    /** The wire bytes of {@code message}: UTF-8 JSON in the exact shape of the protocol. */
    public byte[] encode(ServerMessage message) {
        return writer.write(Objects.requireNonNull(message, "message"));
    }

    /**
     * The wire bytes of one event frame, without building an {@link Event}: the hot path,
     * called once per (binding, account) per event, the result shared by every recipient.
     *
     * @param name the event name, or {@code null} to leave the field out
     * @param data one complete UTF-8 JSON value (the payload in its configured form);
     *             copied verbatim and not checked, the payload layer guarantees it
     */
    public byte[] encodeEvent(String subscribedKey, String subscriptionKey, String name,
            String routingKey, byte[] data) {
        Objects.requireNonNull(subscribedKey, "subscribedKey");
        Objects.requireNonNull(subscriptionKey, "subscriptionKey");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(data, "data");
        return writer.event(subscribedKey, subscriptionKey, name, routingKey, data);
    }

    /**
     * Reads a server message back from its wire text: the inverse of {@link #encode}, for
     * clients and tests. An event's data must be a JSON object or array and comes back as
     * the exact bytes of the frame.
     *
     * @throws IllegalArgumentException when the text is not a server message
     */
    public ServerMessage decodeServerMessage(String text) {
        return serverMessages.read(Objects.requireNonNull(text, "text"));
    }

    /** A fresh request id: 32 random lower-case hex characters (protocol §2). */
    public static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }
}
