package io.wormhole.gateway.demo;

import java.util.Map;

/**
 * One message the demo publishes, as a Kazoo cluster would: the exchange, the routing
 * key (ids already encoded) and the payload in Title-Case-Hyphen form, in the order its
 * keys were put. The payload map is not copied: the story that made it hands it over.
 */
record DemoEvent(String exchange, String routingKey, Map<String, Object> payload) {
}
