/**
 * Who a session is and what it may see: {@link io.wormhole.gateway.auth.TokenVerifier}
 * turns a Kazoo-style RS256 JWT into an {@link io.wormhole.gateway.auth.Identity};
 * {@link io.wormhole.gateway.auth.AccountAuthorizer} says whether that identity may
 * subscribe to an account, by asking Crossbar (cached, one request per distinct
 * question in flight), by an accounts file, or by "own account only". Every refusal is
 * counted in {@code wormhole_auth_rejections_total} and logged by token digest; a
 * token never appears in a log line, a cache key or an error text. Verification is CPU
 * only and safe on an event loop; authorisation answers with a {@code Mono} and never
 * blocks the caller. The JWT, HTTP-client and cache libraries' types do not leave this
 * package.
 */
package io.wormhole.gateway.auth;
