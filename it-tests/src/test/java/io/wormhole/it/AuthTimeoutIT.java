package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protocol §6 ({@code GATEWAY_AUTH_TIMEOUT}): a socket that presents no valid token
 * within the auth timeout of its upgrade is closed with 1008, even while it pings; a
 * socket that subscribed with a valid token stays.
 */
class AuthTimeoutIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.with("GATEWAY_AUTH_TIMEOUT", "1s");

    @Test
    void socketThatOnlyPingsWithoutAToken_isClosedWith1008_andAnAuthenticatedOneStays() {
        WsClient authenticated = gateway.connect();
        authenticated.subscribe(gateway.token(Ids.account()), "call.CHANNEL_CREATE.*");
        WsClient anonymous = gateway.connect();
        anonymous.assertServes();

        assertThat(anonymous.awaitClose().code()).isEqualTo(1008);
        assertThat(gateway.metric("wormhole_sessions_closed_total", "code=\"1008\"")).isEqualTo(1.0);

        // it connected before the anonymous one, so its own deadline has passed too
        assertThat(authenticated.isOpen()).isTrue();
        authenticated.assertServes();
    }
}
