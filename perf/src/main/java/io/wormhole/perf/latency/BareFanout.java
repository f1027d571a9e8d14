package io.wormhole.perf.latency;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The floor under the gateway's broadcast latency: the least an AMQP → WebSocket fan-out
 * can do on this machine. One AMQP consumer (auto-ack) on a queue bound to
 * {@code callevt}/{@code call.CHANNEL_CREATE.*}; each delivery's body is written as is, as
 * one text frame, to every connected WebSocket, with one task per event loop that writes
 * to all of that loop's connections and flushes each. No parsing, no envelope, no
 * accounts, no outbox, no backpressure: a benchmark fixture, not a server to deploy.
 *
 * <p>It answers every text frame a client sends with a success reply, so the push-latency
 * probe's gateway target can drive it unchanged ({@code --target gateway --port 5556};
 * the token is ignored), and the stamp in the raw body is found as in the gateway's frames.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.wormhole.perf.latency.BareFanout [port] [amqp uri]};
 * defaults 5556 and {@code amqp://guest:guest@127.0.0.1:5672}. Runs until killed.
 */
public final class BareFanout {
    private static final String REPLY = "{\"action\":\"reply\",\"status\":\"success\",\"data\":{}}";

    private final Map<EventLoop, List<io.netty.channel.Channel>> byLoop = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5556;
        String uri = args.length > 1 ? args[1] : "amqp://guest:guest@127.0.0.1:5672";
        new BareFanout().run(port, uri);
    }

    private void run(int port, String uri) throws Exception {
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((req, res) -> res.sendWebsocket((in, out) -> {
                    io.netty.channel.Channel[] channel = new io.netty.channel.Channel[1];
                    in.withConnection(c -> channel[0] = c.channel());
                    List<io.netty.channel.Channel> peers =
                            byLoop.computeIfAbsent(channel[0].eventLoop(), l -> new CopyOnWriteArrayList<>());
                    peers.add(channel[0]);
                    Mono<Void> replies = in.receiveFrames()
                            .filter(f -> f instanceof TextWebSocketFrame)
                            .doOnNext(f -> channel[0].writeAndFlush(new TextWebSocketFrame(REPLY)))
                            .then();
                    return replies.doFinally(s -> peers.remove(channel[0]));
                }))
                .bindNow();

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        Connection amqp = factory.newConnection("bare-fanout");
        Channel ch = amqp.createChannel();
        ch.exchangeDeclare(FixedRatePublisher.EXCHANGE, "topic", false);
        String queue = ch.queueDeclare().getQueue();
        ch.queueBind(queue, FixedRatePublisher.EXCHANGE, "call.CHANNEL_CREATE.*");
        DeliverCallback fanOut = (tag, delivery) -> broadcast(delivery.getBody());
        ch.basicConsume(queue, true, fanOut, tag -> { });
        System.out.println("bare fan-out on ws://127.0.0.1:" + server.port() + "/, consuming " + queue);

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                amqp.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            server.disposeNow();
            stop.countDown();
        }));
        stop.await();
    }

    private void broadcast(byte[] body) {
        byLoop.forEach((loop, channels) -> loop.execute(() -> {
            for (io.netty.channel.Channel c : channels) {
                c.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(body)));
                c.flush();
            }
        }));
    }
}
