package io.wormhole.gateway.session;

import io.wormhole.gateway.auth.AccountAuthorizer;
import io.wormhole.gateway.auth.TokenVerifier;
import io.wormhole.gateway.routing.Hub;
import io.wormhole.protocol.catalog.Catalog;
import io.wormhole.protocol.message.MessageCodec;
import reactor.core.scheduler.Scheduler;

/**
 * What every session of a node shares; all members are thread-safe. {@code timer} runs
 * the sessions' deadlines (a virtual-time scheduler in tests).
 */
public record SessionServices(MessageCodec codec, Catalog catalog, TokenVerifier verifier,
        AccountAuthorizer authorizer, Hub hub, BrokerBindings bindings, SessionLimits limits, Scheduler timer) {
}
