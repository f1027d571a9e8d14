/**
 * The node's ports: the WebSocket upgrade on any path outside the HTTP endpoints, and
 * the HTTP endpoints themselves (health, readiness, catalogue, metrics), on the plain
 * port and, with a certificate, on the wss port ({@code TlsContext}). In front of HTTP:
 * an optional PROXY protocol header ({@code ProxyHeader}); the client address the
 * node uses is worked out once per upgrade ({@code ClientAddress}), believing headers
 * from trusted proxies only ({@code TrustedProxies}).
 * Everything here runs on Reactor Netty's event loops and must not block, except the
 * certificate checks, which read files on a scheduler for blocking work.
 */
package io.wormhole.gateway.ws;
