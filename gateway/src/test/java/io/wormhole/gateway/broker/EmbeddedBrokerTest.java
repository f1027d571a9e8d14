package io.wormhole.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

class EmbeddedBrokerTest {

    @Test
    void start_topicExchangeAndServerNamedQueue_deliversPublishedMessage() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                Connection connection = connect(broker.uri());
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("callevt", BuiltinExchangeType.TOPIC);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "callevt", "call.CHANNEL_CREATE.*");

            channel.basicPublish("callevt", "call.CHANNEL_CREATE.abc", new AMQP.BasicProperties(),
                    "{\"Call-ID\":\"abc\"}".getBytes(StandardCharsets.UTF_8));

            GetResponse got = poll(channel, queue);
            assertThat(got).isNotNull();
            assertThat(got.getEnvelope().getExchange()).isEqualTo("callevt");
            assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("call.CHANNEL_CREATE.abc");
            assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"Call-ID\":\"abc\"}");
        }
    }

    /**
     * Pins the one routing difference from RabbitMQ that docs/operations.md names: a
     * trailing empty word is dropped, so {@code a.b.} is routed as {@code a.b}. RabbitMQ
     * keeps it (three words, the last one empty) and routes {@code a.b.} to {@code a.b.*}.
     */
    @Test
    void publish_routingKeyEndingInDot_isRoutedWithoutTheTrailingEmptyWord() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                Connection connection = connect(broker.uri());
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("callevt", BuiltinExchangeType.TOPIC);
            String twoWords = channel.queueDeclare().getQueue();
            channel.queueBind(twoWords, "callevt", "a.b");
            String threeWords = channel.queueDeclare().getQueue();
            channel.queueBind(threeWords, "callevt", "a.b.*");

            channel.basicPublish("callevt", "a.b.", new AMQP.BasicProperties(), new byte[0]);

            assertThat(poll(channel, twoWords)).isNotNull();
            assertThat(channel.basicGet(threeWords, true)).isNull();
        }
    }

    @Test
    void uri_namesLoopbackAndTheBoundPort() {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            URI uri = URI.create(broker.uri());
            assertThat(uri.getScheme()).isEqualTo("amqp");
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getPort()).isEqualTo(broker.port()).isPositive();
        }
    }

    @Test
    void close_releasesThePortAndIsIdempotent() throws IOException {
        EmbeddedBroker broker = EmbeddedBroker.start();
        int port = broker.port();

        broker.close();
        broker.close();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    private static Connection connect(String uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        return factory.newConnection();
    }

    private static GetResponse poll(Channel channel, String queue) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        GetResponse got = channel.basicGet(queue, true);
        while (got == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            got = channel.basicGet(queue, true);
        }
        return got;
    }
}
