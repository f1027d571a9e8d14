/**
 * The node's one port: the WebSocket upgrade on any path outside the HTTP endpoints,
 * and the HTTP endpoints themselves (health, readiness, catalogue, metrics).
 * Everything here runs on Reactor Netty's event loops and must not block.
 */
package io.wormhole.gateway.ws;
