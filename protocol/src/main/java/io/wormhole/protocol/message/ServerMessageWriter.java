package io.wormhole.protocol.message;

import com.fasterxml.jackson.core.JsonGenerator;
import io.wormhole.protocol.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes server messages as the exact wire text of protocol §3, §5 and §7: compact, keys
 * in the documented order.
 *
 * <p>Design note. Events are the hot path: one frame per (binding, account) per event,
 * shared by every recipient. Their fields are escaped by a streaming generator into a
 * small prefix, and the result is one exact-size array holding the prefix, the
 * {@code data} bytes copied verbatim (never parsed or re-encoded), and the closing brace.
 * Notices without fields are fixed texts encoded once. Replies are rare and go through
 * the generator. Strings are escaped by Jackson, which also writes a lone surrogate as a
 * {@code \}{@code uXXXX} escape instead of failing, so any Java string can be echoed.
 *
 * <p>Stateless; one shared instance serves every thread.
 */
final class ServerMessageWriter {

    private static final byte[] BROKER_DOWN = ascii("{\"action\":\"notice\",\"type\":\"broker_down\",\"data\":{}}");
    private static final byte[] BROKER_UP = ascii("{\"action\":\"notice\",\"type\":\"broker_up\",\"data\":{}}");
    private static final byte[] DATA_FIELD = ascii(",\"data\":");

    /** Room for the action and the field names of an event, so the prefix buffer rarely grows. */
    private static final int EVENT_PREFIX_OVERHEAD = 96;

    byte[] write(ServerMessage message) {
        if (message instanceof Event e) {
            return event(e.subscribedKey(), e.subscriptionKey(), e.name(), e.routingKey(), e.data());
        }
        if (message instanceof Subscribed s) {
            return successReply(s.requestId(), List.of("subscribed", "subscriptions"),
                    List.of(s.subscribed(), s.subscriptions()));
        }
        if (message instanceof Unsubscribed u) {
            return successReply(u.requestId(), List.of("unsubscribed", "subscribed", "subscriptions"),
                    List.of(u.unsubscribed(), u.subscribed(), u.subscriptions()));
        }
        if (message instanceof Pong p) {
            return pong(p.requestId());
        }
        if (message instanceof Acknowledged a) {
            return acknowledged(a.requestId());
        }
        if (message instanceof Failure f) {
            return failure(f.requestId(), f.code(), f.errors());
        }
        if (message instanceof Dropped d) {
            return dropped(d.count());
        }
        if (message instanceof BrokerDown) {
            return BROKER_DOWN.clone();
        }
        if (message instanceof BrokerUp) {
            return BROKER_UP.clone();
        }
        // Unreachable while ServerMessage stays sealed to the types above.
        throw new IllegalArgumentException("not a server message: " + message);
    }

    byte[] event(String subscribedKey, String subscriptionKey, String name, String routingKey, byte[] data) {
        Prefix prefix = new Prefix(EVENT_PREFIX_OVERHEAD
                + subscribedKey.length() + subscriptionKey.length() + routingKey.length()
                + (name == null ? 0 : name.length()));
        try (JsonGenerator g = Json.FACTORY.createGenerator(prefix)) {
            // The object stays open: data and the closing brace are appended below.
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            g.writeStartObject();
            g.writeStringField("action", "event");
            g.writeStringField("subscribed_key", subscribedKey);
            g.writeStringField("subscription_key", subscriptionKey);
            if (name != null) {
                g.writeStringField("name", name);
            }
            g.writeStringField("routing_key", routingKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int head = prefix.size();
        byte[] frame = new byte[head + DATA_FIELD.length + data.length + 1];
        prefix.copyTo(frame);
        System.arraycopy(DATA_FIELD, 0, frame, head, DATA_FIELD.length);
        System.arraycopy(data, 0, frame, head + DATA_FIELD.length, data.length);
        frame[frame.length - 1] = '}';
        return frame;
    }

    /** A success reply whose data is these fields, each a list of strings, in this order. */
    private static byte[] successReply(String requestId, List<String> fields, List<List<String>> lists) {
        return write(g -> {
            replyHead(g, requestId, "success");
            for (int i = 0; i < fields.size(); i++) {
                g.writeFieldName(fields.get(i));
                stringArray(g, lists.get(i));
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static byte[] pong(String requestId) {
        return write(g -> {
            replyHead(g, requestId, "success");
            g.writeStringField("response", "pong");
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static byte[] acknowledged(String requestId) {
        return write(g -> {
            replyHead(g, requestId, "success");
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static byte[] failure(String requestId, ErrorCode code, List<String> errors) {
        return write(g -> {
            replyHead(g, requestId, "error");
            g.writeStringField("code", code.wire());
            g.writeFieldName("errors");
            stringArray(g, errors);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static byte[] dropped(long count) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("action", "notice");
            g.writeStringField("type", "dropped");
            g.writeFieldName("data");
            g.writeStartObject();
            g.writeNumberField("count", count);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** Writes {@code {"action":"reply","request_id":…,"status":…,"data":{} and leaves data open. */
    private static void replyHead(JsonGenerator g, String requestId, String status) throws IOException {
        g.writeStartObject();
        g.writeStringField("action", "reply");
        g.writeStringField("request_id", requestId);
        g.writeStringField("status", status);
        g.writeFieldName("data");
        g.writeStartObject();
    }

    private static void stringArray(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /** A buffer whose content is copied straight into the frame, without an intermediate array. */
    private static final class Prefix extends ByteArrayOutputStream {
        Prefix(int capacity) {
            super(capacity);
        }

        void copyTo(byte[] target) {
            System.arraycopy(buf, 0, target, 0, count);
        }
    }

    private interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            // Writing to memory does not fail; Jackson declares the exception for streams.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
