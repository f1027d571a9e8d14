package io.wormhole.gateway.config;

import java.util.function.Function;

/**
 * One documented setting: its environment variable name, default (as text, or null
 * for "none"), the expected form shown in errors, and the parser that turns the text
 * into a value.
 */
record Setting<T>(String env, String defaultText, String form, Function<String, T> parser) {

    /** The key of this setting in a config file: {@code GATEWAY_WS_PORT} is {@code ws.port}. */
    String fileKey() {
        return env.substring("GATEWAY_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            throw new ConfigException(env + ": '" + text + "' is not " + form + why);
        }
    }
}
