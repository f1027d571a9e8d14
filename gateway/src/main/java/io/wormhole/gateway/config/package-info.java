/**
 * Settings: read once at start from environment variables and an optional file,
 * validated, and handed out as one immutable {@link io.wormhole.gateway.config.GatewayConfig}.
 * Nothing here runs after start-up; every type is immutable and safe to share.
 */
package io.wormhole.gateway.config;
