/**
 * The push-latency probe ({@link io.wormhole.perf.latency.PushLatencyProbe}): a fixed-rate
 * AMQP publisher and many WebSocket clients in one process, measuring publish-to-receive
 * latency against the gateway or RabbitMQ Web-STOMP with the same code. Run by
 * {@code perf/run-latency.sh} and, spread over accounts and several processes
 * ({@link io.wormhole.perf.latency.MergeResults} merges their histograms), by
 * {@code perf/run-per-account.sh}. The churn probe
 * ({@link io.wormhole.perf.latency.ChurnProbe}, {@code perf/run-churn.sh}) reuses the same
 * clients for subscribe/unsubscribe churn. Nothing here runs as part of {@code mvn verify}.
 *
 * <p>Threads: the main thread opens the clients, prints progress and the summary; one
 * publisher thread; the clients' frames are read on a few Reactor Netty event loops and
 * recorded into one shared, thread-safe {@code Deliveries}.
 */
package io.wormhole.perf.latency;
