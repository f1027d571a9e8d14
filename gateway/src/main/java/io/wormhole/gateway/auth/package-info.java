/**
 * Who a session is and what it may see: {@link io.wormhole.gateway.auth.TokenVerifier}
 * turns a Kazoo-style RS256 JWT into an {@link io.wormhole.gateway.auth.Identity};
 * {@link io.wormhole.gateway.auth.AccountAuthorizer} says whether that identity may
 * subscribe to an account. Verification is CPU only and safe on an event loop;
 * authorisation answers with a {@code Mono} and never blocks the caller. The JWT
 * library's types do not leave this package.
 */
package io.wormhole.gateway.auth;
