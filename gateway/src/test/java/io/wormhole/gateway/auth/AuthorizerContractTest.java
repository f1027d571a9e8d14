package io.wormhole.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.benmanes.caffeine.cache.Ticker;

import reactor.test.StepVerifier;

/**
 * The reseller-tree rules, written once and run against every authorizer with a
 * directory of accounts: the accounts file and Crossbar (the fake one).
 */
class AuthorizerContractTest {
    @TempDir
    static Path dir;
    private static FakeCrossbar fakeCrossbar;
    private static CrossbarAuthorizer crossbar;
    private static Map<String, AccountAuthorizer> authorizers;

    /** viewer, account, may see. */
    private static final String[][] RULES = {
        {"R", "R", "true"}, {"R", "A", "true"}, {"R", "B", "true"}, {"R", "C", "false"}, {"R", "S", "false"},
        {"A", "A", "true"}, {"A", "B", "false"}, {"A", "C", "false"}, {"A", "R", "false"},
        {"B", "A", "false"}, {"C", "C", "true"}, {"C", "A", "false"}, {"C", "R", "false"},
        {"S", "S", "true"}, {"S", "R", "true"}, {"S", "A", "true"}, {"S", "C", "true"},
        {"S", "*", "true"}, {"R", "*", "false"}, {"A", "*", "false"}, {"C", "*", "false"},
    };

    @BeforeAll
    static void start() throws IOException {
        Path file = dir.resolve("accounts.json");
        Files.writeString(file, Fixture.ACCOUNTS_JSON);
        fakeCrossbar = FakeCrossbar.ofFixture();
        crossbar = new CrossbarAuthorizer(fakeCrossbar.url(), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Ticker.systemTicker());
        authorizers = Map.of("accounts file", AccountAuthorizer.fromFile(file), "crossbar", crossbar);
    }

    @AfterAll
    static void stop() {
        crossbar.close();
        fakeCrossbar.close();
    }

    static Stream<Arguments> rules() {
        List<Arguments> out = new ArrayList<>();
        for (String kind : List.of("accounts file", "crossbar")) {
            for (String[] r : RULES) {
                out.add(Arguments.of(kind, r[0], r[1], Boolean.parseBoolean(r[2])));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} may see {2}: {3}")
    @MethodSource("rules")
    void mayAccess_fixtureTree_selfDescendantsAndStarOnlyForSuperAdmin(String kind, String viewer, String account,
            boolean expected) {
        StepVerifier.create(authorizers.get(kind)
                        .mayAccess(Fixture.identity(viewer), Fixture.token(viewer), Fixture.id(account)))
                .expectNext(expected)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}
