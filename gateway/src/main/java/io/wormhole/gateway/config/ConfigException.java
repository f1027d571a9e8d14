package io.wormhole.gateway.config;

/**
 * A setting that could not be used: names the setting, the value's problem and the
 * expected form. Thrown only at start-up; {@code Main} prints the message and exits.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
