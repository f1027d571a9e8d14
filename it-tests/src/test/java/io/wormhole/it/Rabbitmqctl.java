package io.wormhole.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@link BrokerControl} that speaks to RabbitMQ through {@code rabbitmqctl}: the local
 * one on the PATH, or the one inside a Testcontainers container. {@code stop_app} and
 * {@code start_app} keep the node (and so the container's port mapping) while the
 * broker itself goes away and comes back, which is what a client sees of a restart.
 */
final class Rabbitmqctl implements BrokerControl {
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration QUERY_LIMIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Runner runner;
    private final String vhost;

    private Rabbitmqctl(Runner runner, String vhost) {
        this.runner = runner;
        this.vhost = vhost;
    }

    /** The local broker's rabbitmqctl, or null when there is none on the PATH. */
    static Rabbitmqctl local(String vhost) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "rabbitmqctl");
            if (Files.isExecutable(candidate)) {
                return new Rabbitmqctl(Rabbitmqctl::runLocally, vhost);
            }
        }
        return null;
    }

    /** rabbitmqctl inside the broker's container. */
    static Rabbitmqctl in(GenericContainer<?> container, String vhost) {
        return new Rabbitmqctl((args, limit) -> {
            List<String> command = new ArrayList<>();
            command.add("rabbitmqctl");
            command.addAll(args);
            try {
                Container.ExecResult r = container.execInContainer(command.toArray(String[]::new));
                return new Result(r.getExitCode(), r.getStdout() + r.getStderr());
            } catch (IOException e) {
                throw new IllegalStateException("rabbitmqctl " + args + " in the container failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }, vhost);
    }

    /** True when this rabbitmqctl reaches a running node. */
    boolean answers() {
        try {
            return runner.run(List.of("-q", "status"), QUERY_LIMIT).exit() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        check(List.of("stop_app"), STOP_LIMIT);
    }

    @Override
    public void start() {
        check(List.of("start_app"), START_LIMIT);
        check(List.of("await_startup", "-t", String.valueOf(START_LIMIT.toSeconds())), START_LIMIT);
    }

    @Override
    public Long setting(String key, Long value) {
        if (!key.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a setting name: " + key);
        }
        String old = check(List.of("eval", "application:get_env(rabbit, " + key + ")."), QUERY_LIMIT).trim();
        String set = value == null ? "application:unset_env(rabbit, " + key + ")."
                : "application:set_env(rabbit, " + key + ", " + value + ").";
        check(List.of("eval", set), QUERY_LIMIT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{ok,\\s*(\\d+)\\}").matcher(old);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    @Override
    public void deleteQueue(String queue) {
        check(List.of("delete_queue", "-p", vhost, queue), QUERY_LIMIT);
    }

    @Override
    public List<BrokerBinding> bindingsOf(String queue) {
        String out = check(List.of("list_bindings", "-q", "-p", vhost, "--formatter", "json",
                "source_name", "destination_name", "destination_kind", "routing_key"), QUERY_LIMIT);
        List<BrokerBinding> found = new ArrayList<>();
        try {
            for (JsonNode b : JSON.readTree(out.substring(out.indexOf('[')))) {
                if (b.path("destination_name").asText().equals(queue)
                        && b.path("destination_kind").asText().equals("queue")
                        && !b.path("source_name").asText().isEmpty()) {
                    found.add(new BrokerBinding(b.path("source_name").asText(), queue,
                            b.path("routing_key").asText()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read rabbitmqctl list_bindings output: " + out, e);
        }
        return found;
    }

    private String check(List<String> args, Duration limit) {
        Result r = runner.run(args, limit);
        if (r.exit() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " exited with "
                    + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    private static Result runLocally(List<String> args, Duration limit) {
        List<String> command = new ArrayList<>();
        command.add("rabbitmqctl");
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + limit);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record Result(int exit, String output) {
    }

    @FunctionalInterface
    private interface Runner {
        Result run(List<String> args, Duration limit);
    }
}
