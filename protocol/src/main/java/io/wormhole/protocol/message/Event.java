package io.wormhole.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event frame for one matching binding of a session (protocol §5). The hot path
 * does not build these ({@link MessageCodec#encodeEvent} takes the fields directly); the
 * record serves tests, clients and code that handles events one at a time.
 *
 * <p>{@code data} is the UTF-8 JSON text of the payload, spliced into the frame
 * verbatim. The array is shared, not copied: whoever builds an {@code Event} hands the
 * array over and must not modify it afterwards, and {@link #data()} returns that same
 * array. {@code equals}, {@code hashCode} and {@code toString} look at its content.
 *
 * @param subscribedKey   the binding exactly as the client sent it
 * @param subscriptionKey the binding with the account id inserted after its first segment
 * @param name            the event's {@code Event-Name}, or {@code null} (left out on the wire)
 * @param routingKey      the AMQP routing key the event was published with
 * @param data            UTF-8 JSON text of the payload in the configured form
 */
public record Event(String subscribedKey, String subscriptionKey, String name,
        String routingKey, byte[] data) implements ServerMessage {

    private static final int SHOWN_DATA_BYTES = 256;

    public Event {
        Objects.requireNonNull(subscribedKey, "subscribedKey");
        Objects.requireNonNull(subscriptionKey, "subscriptionKey");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e
                && subscribedKey.equals(e.subscribedKey)
                && subscriptionKey.equals(e.subscriptionKey)
                && Objects.equals(name, e.name)
                && routingKey.equals(e.routingKey)
                && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subscribedKey, subscriptionKey, name, routingKey) * 31 + Arrays.hashCode(data);
    }

    /** Shows the start of the data as text; payloads can be large and this may reach a log. */
    @Override
    public String toString() {
        String shown = data.length <= SHOWN_DATA_BYTES
                ? new String(data, StandardCharsets.UTF_8)
                : new String(data, 0, SHOWN_DATA_BYTES, StandardCharsets.UTF_8) + "…(" + data.length + " bytes)";
        return "Event[subscribedKey=" + subscribedKey + ", subscriptionKey=" + subscriptionKey
                + ", name=" + name + ", routingKey=" + routingKey + ", data=" + shown + "]";
    }
}
