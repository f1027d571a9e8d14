package io.wormhole.perf.gatling;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call binding of the documented form {@code call.<EVENT>.*} or {@code call.*.*}: all
 * the simulation needs to know which published Events a user should get. Kept this
 * narrow on purpose (the gateway's own matcher lives in the protocol module, whose
 * Jackson would clash with Gatling's).
 */
record CallBinding(String text, String event) {
    private static final Pattern FORM = Pattern.compile("call\\.([A-Z_]+|\\*)\\.\\*");

    /** Parses {@code call.<EVENT>.*} or {@code call.*.*}; anything else is refused. */
    static CallBinding parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("binding '" + text + "' is not call.<EVENT>.* or call.*.*");
        }
        return new CallBinding(m.group(0), m.group(1));
    }

    /** Whether an Event of this name, for the subscribed account, reaches this binding. */
    boolean matches(String eventName) {
        return "*".equals(event) || event.equals(eventName);
    }
}
