package io.wormhole.it;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import io.wormhole.gateway.broker.EmbeddedBroker;

/**
 * The broker every integration test of this JVM runs against, chosen once (see
 * running.md, "Integration tests' broker"): the one named by {@code GATEWAY_IT_AMQP_URI};
 * else a throw-away RabbitMQ container when a Docker engine answers; else the gateway's
 * embedded broker (Qpid Broker-J in this JVM), so that a machine with nothing installed
 * still runs the scenarios (those that stop the broker or list its bindings are then
 * skipped). The choice is printed, so the test report says which broker each run used.
 * Thread-safe.
 */
public final class TestBroker {
    private static final Logger log = LoggerFactory.getLogger(TestBroker.class);
    private static final String ENV = "GATEWAY_IT_AMQP_URI";
    private static final String IMAGE = "rabbitmq:3.13-management";
    private static TestBroker chosen;

    private final String uri;
    private final String description;
    private final BrokerControl control;

    private TestBroker(String uri, String description, BrokerControl control) {
        this.uri = uri;
        this.description = description;
        this.control = control;
    }

    /** The broker of this run, chosen and (for a container) started on first use. */
    public static synchronized TestBroker get() {
        if (chosen == null) {
            chosen = choose();
            String line = "[it-tests] broker: " + chosen.description + "; control: "
                    + (chosen.control != null ? "yes" : "none (broker restart tests are skipped)");
            System.out.println(line);
            log.info(line);
        }
        return chosen;
    }

    /** {@code amqp://user:pass@host:port/vhost} */
    public String uri() {
        return uri;
    }

    public String description() {
        return description;
    }

    /** How to stop, start and inspect the broker, when this run can. */
    public Optional<BrokerControl> control() {
        return Optional.ofNullable(control);
    }

    /** The control, or the calling test is skipped (an assumption) when there is none. */
    public BrokerControl requireControl() {
        Assumptions.assumeTrue(control != null, "no way to control the broker " + description
                + ": needs rabbitmqctl on the PATH for a local broker, or Docker");
        return control;
    }

    private static TestBroker choose() {
        String named = System.getenv(ENV);
        if (named == null || named.isBlank()) {
            named = System.getProperty(ENV);
        }
        if (named != null && !named.isBlank()) {
            return named(named.trim());
        }
        if (dockerAnswers()) {
            return container();
        }
        return embedded();
    }

    private static TestBroker embedded() {
        EmbeddedBroker broker = EmbeddedBroker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "it-embedded-broker"));
        return new TestBroker(broker.uri(), "the embedded broker (Qpid Broker-J) at " + broker.uri()
                + "; for RabbitMQ set " + ENV + "=amqp://guest:guest@127.0.0.1:5672/%2F or run Docker", null);
    }

    private static TestBroker named(String uri) {
        URI parsed = URI.create(uri);
        BrokerControl control = null;
        if (isLoopback(parsed.getHost())) {
            Rabbitmqctl ctl = Rabbitmqctl.local(vhost(parsed));
            if (ctl != null && ctl.answers()) {
                control = ctl;
            }
        }
        return new TestBroker(uri, ENV + "=" + redacted(parsed), control);
    }

    private static TestBroker container() {
        @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
        RabbitMQContainer rabbit = new RabbitMQContainer(DockerImageName.parse(IMAGE));
        rabbit.start();
        String uri = "amqp://" + rabbit.getAdminUsername() + ":" + rabbit.getAdminPassword() + "@"
                + rabbit.getHost() + ":" + rabbit.getAmqpPort() + "/%2F";
        return new TestBroker(uri, "Testcontainers " + IMAGE + " at " + rabbit.getHost() + ":"
                + rabbit.getAmqpPort(), Rabbitmqctl.in(rabbit, "/"));
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String vhost(URI uri) {
        String raw = uri.getRawPath();
        if (raw == null || raw.isEmpty() || raw.equals("/")) {
            return "/";
        }
        return URLDecoder.decode(raw.substring(1), StandardCharsets.UTF_8);
    }

    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5672 : uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
