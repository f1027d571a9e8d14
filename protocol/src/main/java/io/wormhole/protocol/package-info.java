/**
 * The wire contract of the gateway as pure, synchronous Java: messages, codec,
 * bindings, topic matching, the event catalogue and payload forms. Depends on
 * Jackson only; every type here is immutable or thread-confined as its Javadoc says.
 */
package io.wormhole.protocol;
