package io.wormhole.gateway.auth;

import java.time.Instant;

/**
 * A verified token: the account it speaks for, when it expires, and a digest of the
 * token (never the token itself) that tells tokens apart in logs and caches.
 */
public record Identity(String accountId, Instant expiresAt, String tokenDigest) {
}
