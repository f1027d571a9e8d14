package io.wormhole.perf;

import io.wormhole.gateway.routing.Recipient;
import io.wormhole.protocol.binding.Topics;
import io.wormhole.protocol.catalog.ResolvedBinding;
import io.wormhole.protocol.message.MessageCodec;
import io.wormhole.protocol.payload.EventPayload;
import io.wormhole.protocol.payload.PayloadForm;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive router the Hub replaces, kept only as a benchmark baseline: a list of
 * Sessions, each with its set of Bindings, and every Event checked against every Binding
 * of every Session with {@link Topics#matches(List, List)}, one by one.
 *
 * <p>It is given its best case so that the comparison measures the index and nothing
 * else: pattern words are split once when a Binding is added and the RoutingKey once per
 * Event; on a match it does what the Hub does (parse the payload once, locate the
 * Account, encode one frame, hand it to the recipient). Each Subscription here has its own
 * recipient, so encoding per match costs what the Hub's encode-once costs.
 *
 * <p>Single-threaded: built in a benchmark's setup, then only routed.
 */
final class LinearScan {

    private final MessageCodec codec;
    private final PayloadForm form;
    private final List<Entry> sessions = new ArrayList<>();

    LinearScan(MessageCodec codec, PayloadForm form) {
        this.codec = codec;
        this.form = form;
    }

    /** Adds one Session subscribed to {@code bindings} in {@code account}. */
    void add(Recipient recipient, String account, List<ResolvedBinding> bindings) {
        List<List<List<String>>> words = new ArrayList<>(bindings.size());
        for (ResolvedBinding binding : bindings) {
            List<List<String>> patterns = new ArrayList<>();
            for (String pattern : binding.amqpPatterns()) {
                patterns.add(Topics.words(pattern));
            }
            words.add(patterns);
        }
        sessions.add(new Entry(recipient, account, List.copyOf(bindings), List.copyOf(words)));
    }

    /** Routes one Event to every matching Subscription; returns the number of frames handed out. */
    int route(String exchange, String routingKey, byte[] body) {
        List<String> key = Topics.words(routingKey);
        EventPayload payload = null;
        byte[] data = null;
        int frames = 0;
        for (int s = 0; s < sessions.size(); s++) {
            Entry session = sessions.get(s);
            for (int b = 0; b < session.bindings.size(); b++) {
                ResolvedBinding binding = session.bindings.get(b);
                if (!binding.exchange().equals(exchange) || !matchesAny(session.words.get(b), key)) {
                    continue;
                }
                if (payload == null) {
                    payload = EventPayload.parse(body);
                }
                String account = binding.accountLocator().locate(routingKey, payload.tree());
                if (!session.account.equals(account)) {
                    continue;
                }
                if (data == null) {
                    data = payload.data(form);
                }
                byte[] frame = codec.encodeEvent(binding.binding(), binding.subscriptionKey(account),
                        payload.eventName(), routingKey, data);
                session.recipient.deliver(frame);
                frames++;
            }
        }
        return frames;
    }

    private static boolean matchesAny(List<List<String>> patterns, List<String> key) {
        for (int i = 0; i < patterns.size(); i++) {
            if (Topics.matches(patterns.get(i), key)) {
                return true;
            }
        }
        return false;
    }

    private record Entry(Recipient recipient, String account, List<ResolvedBinding> bindings,
            List<List<List<String>>> words) {
    }
}
