package io.wormhole.gateway.amqp;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Declares and binds on the broker. Every amqp-client call here is a blocking RPC, so
 * each runs on the one topology scheduler given at construction (a single thread: a
 * channel must not carry two RPCs at once, and the order of bind and unbind for one
 * pattern is kept). The channel is re-created when the broker closed it (for example
 * after a refused bind).
 */
final class Topology {
    private final Connection connection;
    private final Scheduler scheduler;
    private final AtomicReference<String> queue;
    private Channel channel; // confined to the scheduler's thread

    Topology(Connection connection, Scheduler scheduler, AtomicReference<String> queue) {
        this.connection = connection;
        this.scheduler = scheduler;
        this.queue = queue;
    }

    /** Declares the exchange as a non-durable topic exchange unless it exists already. */
    Mono<Void> ensureExchange(String exchange) {
        return run("declare exchange '" + exchange + "'", () -> {
            try (Channel probe = connection.createChannel()) {
                probe.exchangeDeclarePassive(exchange);
                return;
            } catch (IOException missing) {
                // 404 NOT_FOUND closed the probe channel: the exchange does not exist yet.
            } catch (com.rabbitmq.client.AlreadyClosedException closedByPassive) {
                // the probe channel was closed by the broker's 404 before close() ran
            }
            channel().exchangeDeclare(exchange, "topic", false);
        });
    }

    /** Declares this node's server-named, exclusive, auto-delete queue; returns its name. */
    Mono<String> declareQueue() {
        return Mono.fromCallable(() -> channel().queueDeclare().getQueue())
                .onErrorMap(e -> new AmqpException("declare queue failed: " + e.getMessage(), e))
                .subscribeOn(scheduler);
    }

    /** Deletes a queue this node no longer consumes (a no-op when the broker already dropped it). */
    Mono<Void> deleteQueue(String name) {
        return run("delete queue '" + name + "'", () -> channel().queueDelete(name));
    }

    Mono<Void> bind(String exchange, String pattern) {
        return run("bind '" + pattern + "' on '" + exchange + "'",
                () -> channel().queueBind(queue.get(), exchange, pattern));
    }

    Mono<Void> unbind(String exchange, String pattern) {
        return run("unbind '" + pattern + "' on '" + exchange + "'",
                () -> channel().queueUnbind(queue.get(), exchange, pattern));
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = connection.createChannel();
        }
        return channel;
    }

    private Mono<Void> run(String what, BlockingCall call) {
        return Mono.<Void>fromCallable(() -> {
            call.run();
            return null;
        }).onErrorMap(e -> !(e instanceof AmqpException), e -> new AmqpException(what + " failed: "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e))
                .subscribeOn(scheduler);
    }

    @FunctionalInterface
    private interface BlockingCall {
        void run() throws IOException, TimeoutException;
    }
}
