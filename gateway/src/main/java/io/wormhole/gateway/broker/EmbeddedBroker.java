package io.wormhole.gateway.broker;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Container;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker running in this JVM (Apache Qpid Broker-J): one in-memory
 * virtual host, one port on 127.0.0.1 picked by the operating system, user
 * {@code guest}/{@code guest} with PLAIN allowed over plain TCP (loopback only, as
 * RabbitMQ allows its {@code guest}), no management interface. The gateway reaches it
 * through {@link #uri()} with the same client code as a RabbitMQ broker.
 *
 * <p>{@link #start()} blocks until the port accepts connections; call it from the
 * thread that composes the node. {@link #close()} may be called from any thread, more
 * than once; it stops the broker, releases the port and deletes the work directory.
 * The caller owns the returned broker and must close it.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String INITIAL_CONFIG = "embedded-broker.json";
    private static final String HOST = "127.0.0.1";
    private static final String CREDENTIALS = "guest:guest";

    private final SystemLauncher launcher;
    private final Path workDir;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(SystemLauncher launcher, Path workDir, int port) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.port = port;
    }

    /**
     * Starts a broker and returns once it listens.
     *
     * @throws IllegalStateException when the broker cannot start (the work directory is
     *     deleted and nothing is left running)
     */
    public static EmbeddedBroker start() {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("wormhole-broker-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the embedded broker's work directory", e);
        }
        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> systemConfig) {
                system.set(systemConfig);
            }
        });
        try {
            launcher.startup(attributes(workDir));
            if (system.get() == null) {
                throw new IllegalStateException("no broker was resolved");
            }
            Container<?> container = system.get().getContainer();
            int port = boundPort(container);
            leaveShutdownToOwner(container);
            log.info("embedded AMQP 0-9-1 broker listening on {}:{} (work directory {})", HOST, port, workDir);
            return new EmbeddedBroker(launcher, workDir, port);
        } catch (Exception e) {
            launcher.shutdown();
            deleteTree(workDir);
            throw new IllegalStateException("the embedded broker did not start: " + e.getMessage(), e);
        }
    }

    /** {@code amqp://guest:guest@127.0.0.1:port}: the default virtual host. */
    public String uri() {
        return "amqp://" + CREDENTIALS + "@" + HOST + ":" + port;
    }

    /** The port the broker listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Stops the broker (open connections are closed) and deletes its work directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            launcher.shutdown();
        } finally {
            deleteTree(workDir);
        }
        log.info("embedded broker stopped");
    }

    private static Map<String, Object> attributes(Path workDir) {
        URL initial = EmbeddedBroker.class.getResource(INITIAL_CONFIG);
        if (initial == null) {
            throw new IllegalStateException(INITIAL_CONFIG + " is missing from the class path");
        }
        Map<String, Object> context = new HashMap<>();
        context.put(SystemConfig.QPID_WORK_DIR, workDir.toString());
        // 0: the operating system picks a free port; the bound one is read back below
        context.put("qpid.amqp_port", "0");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initial.toExternalForm());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
        attributes.put("preferenceStoreAttributes", Map.of("type", "Noop"));
        attributes.put(SystemConfig.CONTEXT, context);
        return attributes;
    }

    private static int boundPort(Container<?> broker) {
        for (Object p : broker.getChildren(Port.class)) {
            if (p instanceof AmqpPort<?> amqp && amqp.getBoundPort() > 0) {
                return amqp.getBoundPort();
            }
        }
        throw new IllegalStateException("the AMQP port is not bound");
    }

    /**
     * Broker-J registers a JVM shutdown hook that stops the broker at once on SIGTERM,
     * while the node's own hook is still draining sessions over the broker connection.
     * The node owns this broker and stops it after its AMQP side, so the hook is removed.
     * Broker-J offers no switch for it; the hook is a private field of its broker, read by
     * reflection (class path, no module boundary). Should a later Broker-J rename it, the
     * hook stays and the broker merely stops early on SIGTERM.
     */
    private static void leaveShutdownToOwner(Container<?> broker) {
        for (Class<?> c = broker.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("_shutdownHook");
                f.setAccessible(true);
                if (f.get(broker) instanceof Thread hook) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("the embedded broker keeps its own shutdown hook: {}", e.toString());
                return;
            }
        }
        log.debug("the embedded broker keeps its own shutdown hook: not found");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the embedded broker's work directory {}: {}", root, e.getMessage());
        }
    }
}
