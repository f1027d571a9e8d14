package io.wormhole.gateway.routing;

/**
 * The id of a call or a conference within its scope (catalogue {@code same_account}):
 * what ties the Events of one call or conference to one Account. Immutable.
 */
record ScopedId(String scope, String id) {
}
