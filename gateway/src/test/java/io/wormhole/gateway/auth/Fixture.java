package io.wormhole.gateway.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The accounts every authorizer test speaks about: reseller R with children A and B,
 * an unrelated account C, and a super-admin S. Accounts are named by letter in tests
 * and are real-looking Kazoo ids on the wire; every account has its own token.
 */
final class Fixture {
    static final Map<String, String> IDS = Map.of(
            "R", "00000000000000000000000000000001",
            "A", "0000000000000000000000000000000a",
            "B", "0000000000000000000000000000000b",
            "C", "0000000000000000000000000000000c",
            "S", "0000000000000000000000000000005a");

    /** Child id to parent id, as Crossbar knows it. */
    static final Map<String, String> PARENTS = Map.of(id("A"), id("R"), id("B"), id("R"));
    static final Set<String> SUPER_ADMINS = Set.of(id("S"));

    /** The same tree as an accounts file. */
    static final String ACCOUNTS_JSON = "{\"accounts\": {"
            + "\"" + id("R") + "\": {\"parent\": null, \"name\": \"reseller\"},"
            + "\"" + id("A") + "\": {\"parent\": \"" + id("R") + "\"},"
            + "\"" + id("B") + "\": {\"parent\": \"" + id("R") + "\"},"
            + "\"" + id("C") + "\": {\"parent\": null},"
            + "\"" + id("S") + "\": {\"parent\": null}},"
            + "\"super_admins\": [\"" + id("S") + "\"]}";

    private Fixture() {
    }

    static String id(String name) {
        if (name.equals("*")) {
            return "*";
        }
        String id = IDS.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no account " + name + " in the fixture");
        }
        return id;
    }

    /** An opaque, distinctive token for the account: it must never show up in logs or keys. */
    static String token(String name) {
        return "eyJhbGciOiJSUzI1NiJ9.secret-token-of-" + name + ".c2lnbmF0dXJl";
    }

    static Identity identity(String name) {
        return new Identity(id(name), Instant.now().plusSeconds(3600), TokenVerifier.digest(token(name)));
    }

    /** Token to account id for every fixture account (what the fake Crossbar accepts). */
    static Map<String, String> tokens() {
        Map<String, String> out = new java.util.HashMap<>();
        for (String name : IDS.keySet()) {
            out.put(token(name), id(name));
        }
        return out;
    }
}
