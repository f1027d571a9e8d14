package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Protocol §1, §2 and §6 under abuse, over real sockets: a seeded corpus of over 5,000
 * hostile frames ({@link HostileFrames}) sent over several sockets at once, each frame
 * answered by exactly the reply docs/protocol.md gives it, no socket closed, while a
 * neighbour socket receives every event published meanwhile; then frames that must end
 * their socket (invalid UTF-8: 1007, RFC 6455 §8.1; over the size limit: 1009), each
 * ended with its code and no session left behind. After each story the node is healthy:
 * {@code /healthz} and {@code /readyz} answer 200 and its sessions and broker bindings are
 * back to what they were.
 */
class HostileInputIT {
    private static final int MAX_FRAME = 64 * 1024;
    private static final long SEED = 0x5EED_0013L;
    private static final int SOCKETS = 4;
    /** Frames sent ahead of their replies on each socket. */
    private static final int WINDOW = 50;

    @RegisterExtension
    static final TestGateway gateway = TestGateway.with(
            "GATEWAY_MAX_FRAME", "64KiB",
            // the corpus must meet every rule but the rate; rate_limited has its own story in ErrorRepliesIT
            "GATEWAY_RATE_BURST", "1000000",
            "GATEWAY_RATE_PER_SECOND", "1000000");

    @Test
    void barrageOfHostileFrames_eachGetsItsReply_noSocketCloses_andTheNeighbourMissesNothing() throws Exception {
        String account = Ids.account();
        List<HostileFrames.Frame> corpus = new HostileFrames(SEED, gateway.token(account), account, MAX_FRAME).all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(5_000);
        String neighbourAccount = Ids.account();
        WsClient neighbour = gateway.connect();
        neighbour.subscribe(gateway.token(neighbourAccount), "call.CHANNEL_CREATE.*");
        NodeHealth before = NodeHealth.of(gateway);
        long started = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(SOCKETS + 1);
        AtomicBoolean barrage = new AtomicBoolean(true);
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        Future<?> publishing = pool.submit(() -> publishWhile(barrage, neighbourAccount, published));
        List<Future<List<String>>> sockets = new ArrayList<>();
        for (int s = 0; s < SOCKETS; s++) {
            List<HostileFrames.Frame> share = new ArrayList<>();
            for (int i = s; i < corpus.size(); i += SOCKETS) {
                share.add(corpus.get(i));
            }
            sockets.add(pool.submit(() -> sendAndCheck(share, gateway.token(account))));
        }
        List<String> wrong = new ArrayList<>();
        for (Future<List<String>> socket : sockets) {
            wrong.addAll(socket.get(60, TimeUnit.SECONDS));
        }
        barrage.set(false);
        publishing.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(wrong.subList(0, Math.min(20, wrong.size())))
                .as("frames answered otherwise than documented (seed %x; %d in all)", SEED, wrong.size()).isEmpty();
        for (String routingKey : published) {
            assertThat(neighbour.nextEvent().path("routing_key").asText()).as("the neighbour's events, in order")
                    .isEqualTo(routingKey);
        }
        assertThat(neighbour.poll(Duration.ofMillis(300))).as("nothing more, no dropped notice").isNull();
        neighbour.assertServes();
        NodeHealth after = NodeHealth.settled(gateway, before);
        System.out.printf("[fault-suite] HostileInputIT barrage: %d frames (%s) over %d sockets, %d replies checked,"
                + " %d ms; neighbour received %d of %d events; %s -> %s%n", corpus.size(), kinds(corpus), SOCKETS,
                corpus.size() + SOCKETS, elapsedMillis, published.size(), published.size(), before, after);
    }

    static Stream<Arguments> invalidUtf8() {
        byte[] ping = "{\"action\":\"ping\",\"request_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("a lone continuation byte", withByteAt(ping, 31, 0x80)),
                Arguments.of("an overlong '/'", splice(ping, 31, 0xC0, 0xAF)),
                Arguments.of("an encoded surrogate", splice(ping, 31, 0xED, 0xA0, 0x80)),
                Arguments.of("a code point over U+10FFFF", splice(ping, 31, 0xF4, 0x90, 0x80, 0x80)),
                Arguments.of("0xFF", withByteAt(ping, 2, 0xFF)),
                Arguments.of("a sequence cut at the end", splice(ping, ping.length, 0xE2, 0x82)),
                Arguments.of("Latin-1 text", "{\"action\":\"ping\",\"request_id\":\"caf\u00e9\"}"
                        .getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void textFrame_withInvalidUtf8_closesWith1007(String what, byte[] frame) {
        NodeHealth before = NodeHealth.of(gateway);
        WsClient client = gateway.connect();

        client.sendTextBytes(frame);

        assertThat(client.awaitClose().code()).isEqualTo(1007);
        NodeHealth.settled(gateway, before);
    }

    @Test
    void message_withACharacterSplitAcrossFragments_isAnswered() {
        WsClient client = gateway.connect();
        String id = "caf\u00e9-\ud83d\ude00";

        client.sendFragmented("{\"action\":\"ping\",\"request_id\":\"" + id + "\"}", 29);

        assertThat(client.replyTo(id).at("/data/response").asText()).isEqualTo("pong");
    }

    static Stream<Arguments> oversize() {
        String over = "{\"action\":\"ping\",\"pad\":\"" + "x".repeat(MAX_FRAME) + "\"}";
        String oneByteOver = over.substring(0, MAX_FRAME) + "}";
        return Stream.of(
                Arguments.of("one frame one byte over", oneByteOver, 1),
                Arguments.of("one frame four times over", over.repeat(4), 1),
                Arguments.of("two fragments one byte over together", oneByteOver, 2),
                Arguments.of("a hundred small fragments over together", over, 100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversize")
    void message_overTheSizeLimit_closesWith1009(String what, String text, int fragments) {
        NodeHealth before = NodeHealth.of(gateway);
        WsClient client = gateway.connect();

        if (fragments == 1) {
            client.send(text);
        } else {
            client.sendFragmented(text, fragments);
        }

        assertThat(client.awaitClose().code()).isEqualTo(1009);
        NodeHealth.settled(gateway, before);
    }

    /** Sends the share in windows, reads each reply in order; returns what was answered wrongly. */
    private static List<String> sendAndCheck(List<HostileFrames.Frame> share, String token) {
        List<String> wrong = new ArrayList<>();
        WsClient client = gateway.connect();
        JsonNode unauthenticated = client.request("first", """
                {"action":"subscribe","request_id":"first","data":{"binding":"call.CHANNEL_CREATE.*"}}""");
        check(unauthenticated.toString(), "auth_required", "first", "token-less subscribe", token, wrong);
        for (int from = 0; from < share.size(); from += WINDOW) {
            List<HostileFrames.Frame> window = share.subList(from, Math.min(share.size(), from + WINDOW));
            for (HostileFrames.Frame f : window) {
                if (f.binary()) {
                    client.sendBinary(f.payload());
                } else {
                    client.sendTextBytes(f.payload());
                }
            }
            for (HostileFrames.Frame f : window) {
                JsonNode reply = client.poll(WsClient.WAIT);
                if (reply == null) {
                    wrong.add(f.kind() + ": no reply" + (client.isOpen() ? "" : "; the socket was closed"));
                    return wrong;
                }
                check(reply.toString(), f.expected(), f.echoedId(), f.kind() + " " + shown(f), token, wrong);
            }
        }
        assertThat(client.isOpen()).as("the socket after its share of the corpus").isTrue();
        client.assertServes();
        client.close();
        return wrong;
    }

    private static void check(String text, String expected, String echoedId, String what, String token,
            List<String> wrong) {
        JsonNode reply = Json.parse(text);
        boolean ok = reply.path("action").asText().equals("reply")
                && (expected.equals("success") ? reply.path("status").asText().equals("success")
                        : reply.path("status").asText().equals("error") && reply.at("/data/code").asText().equals(expected)
                                && reply.at("/data/errors").isArray() && !reply.at("/data/errors").isEmpty())
                && (echoedId != null ? reply.path("request_id").asText().equals(echoedId)
                        : reply.path("request_id").asText().matches("[0-9a-f]{32}"))
                && !text.contains(token);
        if (!ok) {
            wrong.add(what + " -> expected " + expected + ", got " + (text.length() > 300 ? text.substring(0, 300) : text));
        }
    }

    private static void publishWhile(AtomicBoolean barrage, String account, List<String> published) {
        while (barrage.get() && published.size() < 900) { // under the neighbour's outbox of 1,000
            KazooEvent event = KazooEvent.call(account, "CHANNEL_CREATE", Ids.id());
            gateway.publish(event);
            published.add(event.routingKey());
            try {
                Thread.sleep(10); // a steady trickle during the barrage, not a timing assumption
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String kinds(List<HostileFrames.Frame> corpus) {
        Map<String, Integer> byKind = new TreeMap<>();
        for (HostileFrames.Frame f : corpus) {
            byKind.merge(f.kind().replaceAll(" (of|in|filling|[0-9]).*", ""), 1, Integer::sum);
        }
        return byKind.toString();
    }

    private static String shown(HostileFrames.Frame f) {
        String text = new String(f.payload(), StandardCharsets.UTF_8);
        return text.length() > 120 ? text.substring(0, 120) + "... (" + f.payload().length + " bytes)" : text;
    }

    private static byte[] withByteAt(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] splice(byte[] bytes, int at, int... inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        for (int i = 0; i < inserted.length; i++) {
            out[at + i] = (byte) inserted[i];
        }
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }
}
