/**
 * The gateway server: configuration, AMQP source, hub, sessions, WebSocket and
 * HTTP endpoints, authentication. This is the composition root.
 */
package io.wormhole.gateway;
