/**
 * End-to-end scenarios: a gateway node in-process on an ephemeral port, a real broker,
 * WebSocket clients and a Kazoo-like publisher, told as short stories (publish X with
 * routing key K, and a client subscribed to B in account A receives exactly this frame).
 *
 * <p>The harness: {@link io.wormhole.it.TestBroker} chooses the broker of the run and
 * offers a {@link io.wormhole.it.BrokerControl}; {@link io.wormhole.it.TestGateway} runs
 * one node per test class with its own {@link io.wormhole.it.TokenIssuer};
 * {@link io.wormhole.it.WsClient} records frames and can stall;
 * {@link io.wormhole.it.KazooPublisher} publishes {@link io.wormhole.it.KazooEvent}s.
 * Every test uses fresh account and call ids ({@link io.wormhole.it.Ids}), so tests
 * sharing a broker never see each other's events; every wait is bounded.
 */
package io.wormhole.it;
