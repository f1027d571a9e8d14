package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kazoo fidelity end to end: every event of {@link KazooCorpus}, published on the real
 * broker as Kazoo publishes it, reaches exactly the subscribers Kazoo's blackhole would
 * send it to, once each, with the frame's keys as protocol §5 says; the others get
 * nothing. "Nothing" is shown, not waited for: after the corpus, one marker event per
 * account reaches every socket, and every frame before it is what the socket got.
 */
class KazooCorpusIT {
    private static final String SUPER_ADMIN = Ids.account();
    private static final String MARKER_CALL = Ids.id();
    private static final String MARKER_BINDING = "call.PARK_ABANDONED." + MARKER_CALL;

    @RegisterExtension
    static final TestGateway gateway = TestGateway.with("GATEWAY_ACCOUNTS_FILE", superAdminFile().toString());

    @Test
    void corpus_eachEventReachesExactlyItsKazooSubscribers_oncePerBinding() {
        KazooCorpus corpus = new KazooCorpus();
        Map<String, WsClient> sockets = new LinkedHashMap<>();
        for (KazooCorpus.Subscriber s : corpus.subscribers) {
            WsClient client = gateway.connect();
            if (s.account().equals("*")) {
                client.subscribeIn(gateway.token(SUPER_ADMIN), "*", s.binding(), MARKER_BINDING);
            } else {
                client.subscribe(gateway.token(s.account()), s.binding(), MARKER_BINDING);
            }
            sockets.put(s.name(), client);
        }
        List<KazooEvent> published = new ArrayList<>();
        Map<String, String> entryByRoutingKey = new HashMap<>();
        for (KazooCorpus.Entry e : corpus.entries) {
            published.add(e.event());
            assertThat(entryByRoutingKey.put(e.event().routingKey(), e.name())).as("routing keys are unique").isNull();
        }
        KazooEvent markerX = KazooEvent.call(corpus.x, "PARK_ABANDONED", MARKER_CALL);
        published.add(markerX);
        published.add(KazooEvent.call(corpus.y, "PARK_ABANDONED", MARKER_CALL));

        gateway.publishAll(published);

        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, List<String>> received = new LinkedHashMap<>();
        for (KazooCorpus.Subscriber s : corpus.subscribers) {
            List<String> want = new ArrayList<>();
            for (KazooCorpus.Entry e : corpus.entries) {
                if (e.receivers().contains(s.name())) {
                    want.add(e.name() + " as " + s.binding() + " / " + subscriptionKey(s));
                }
            }
            expected.put(s.name(), want);
            int markers = s.account().equals("*") ? 2 : 1;
            received.put(s.name(), framesBeforeMarkers(sockets.get(s.name()), markers, markerX.routingKey(),
                    entryByRoutingKey));
        }
        assertThat(received).isEqualTo(expected);
    }

    /** The socket's event frames up to its last marker, markers left out, as "entry as subscribed / key". */
    private static List<String> framesBeforeMarkers(WsClient client, int markers, String markerKey,
            Map<String, String> entryByRoutingKey) {
        List<String> out = new ArrayList<>();
        int seen = 0;
        while (seen < markers) {
            JsonNode frame = client.nextEvent();
            String key = frame.path("routing_key").asText();
            if (key.equals(markerKey)) {
                if (frame.path("subscribed_key").asText().equals(MARKER_BINDING)) {
                    seen++;
                }
                continue;
            }
            out.add(entryByRoutingKey.getOrDefault(key, "unknown " + key) + " as "
                    + frame.path("subscribed_key").asText() + " / " + frame.path("subscription_key").asText());
        }
        return out;
    }

    private static String subscriptionKey(KazooCorpus.Subscriber s) {
        int dot = s.binding().indexOf('.');
        return s.binding().substring(0, dot) + "." + s.account() + s.binding().substring(dot);
    }

    private static Path superAdminFile() {
        try {
            Path file = Files.createTempFile("wormhole-it-corpus-accounts-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, "{\"accounts\": {}, \"super_admins\": [\"" + SUPER_ADMIN + "\"]}",
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
