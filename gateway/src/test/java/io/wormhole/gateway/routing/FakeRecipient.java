package io.wormhole.gateway.routing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wormhole.protocol.message.Event;
import io.wormhole.protocol.message.MessageCodec;
import java.util.ArrayList;
import java.util.List;

/** A Session stand-in that keeps every frame it is handed, the very arrays. One thread. */
final class FakeRecipient implements Recipient {

    final List<byte[]> frames = new ArrayList<>();

    @Override
    public void deliver(byte[] frame) {
        frames.add(frame);
    }

    List<String> texts() {
        List<String> texts = new ArrayList<>(frames.size());
        for (byte[] frame : frames) {
            texts.add(new String(frame, UTF_8));
        }
        return texts;
    }

    List<Event> events(MessageCodec codec) {
        List<Event> events = new ArrayList<>(frames.size());
        for (String text : texts()) {
            events.add((Event) codec.decodeServerMessage(text));
        }
        return events;
    }
}
