package io.wormhole.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountTreeTest {
    private static final AccountTree FIXTURE = AccountTree.parse(Fixture.ACCOUNTS_JSON);

    @Test
    void maySee_accountMissingFromTheFile_seesItselfOnly() {
        String stranger = "ffffffffffffffffffffffffffffffff";
        assertThat(FIXTURE.maySee(stranger, stranger)).isTrue();
        assertThat(FIXTURE.maySee(stranger, Fixture.id("A"))).isFalse();
        assertThat(FIXTURE.maySee(Fixture.id("R"), stranger)).isFalse();
    }

    @Test
    void maySee_superAdmin_seesAccountsMissingFromTheFile() {
        assertThat(FIXTURE.maySee(Fixture.id("S"), "ffffffffffffffffffffffffffffffff")).isTrue();
    }

    @Test
    void maySee_deepTree_rootSeesTheDeepestLeaf() {
        StringBuilder json = new StringBuilder("{\"accounts\": {\"n0\": {\"parent\": null}");
        for (int i = 1; i <= 50; i++) {
            json.append(", \"n").append(i).append("\": {\"parent\": \"n").append(i - 1).append("\"}");
        }
        AccountTree deep = AccountTree.parse(json.append("}}").toString());
        assertThat(deep.maySee("n0", "n50")).isTrue();
        assertThat(deep.maySee("n25", "n50")).isTrue();
        assertThat(deep.maySee("n50", "n0")).isFalse();
    }

    @Test
    void parse_emptyDocument_isATreeWithoutAccounts() {
        AccountTree empty = AccountTree.parse("{}");
        assertThat(empty.maySee("a", "a")).isTrue();
        assertThat(empty.maySee("a", "*")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json|{accounts|not valid JSON",
        "not an object|[]|expected a JSON object",
        "unknown field|{\"acounts\": {}}|unknown field 'acounts'",
        "accounts not an object|{\"accounts\": []}|\"accounts\" must be an object",
        "account not an object|{\"accounts\": {\"a\": \"b\"}}|account a: expected an object",
        "unknown account field|{\"accounts\": {\"a\": {\"parnet\": null}}}|account a: unknown field 'parnet'",
        "parent not text|{\"accounts\": {\"a\": {\"parent\": 7}}}|\"parent\" must be an account id or null",
        "parent not listed|{\"accounts\": {\"a\": {\"parent\": \"b\"}}}|account a names parent b, which is not listed",
        "loop|{\"accounts\": {\"a\": {\"parent\": \"b\"}, \"b\": {\"parent\": \"a\"}}}|accounts form a loop",
        "own parent|{\"accounts\": {\"a\": {\"parent\": \"a\"}}}|accounts form a loop: a -> a",
        "star as id|{\"accounts\": {\"*\": {}}}|other than '*'",
        "super_admins not array|{\"super_admins\": \"a\"}|\"super_admins\" must be an array",
        "super_admin not text|{\"super_admins\": [1]}|\"super_admins\" must be an array",
        "duplicate account|{\"accounts\": {\"a\": {}, \"a\": {}}}|not valid JSON",
    })
    void parse_malformedDocument_saysWhatIsWrong(String what, String json, String message) {
        assertThatThrownBy(() -> AccountTree.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void read_missingFile_namesTheFile() {
        Path missing = Path.of("/nonexistent/accounts.json");
        assertThatThrownBy(() -> AccountTree.read(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read accounts file '" + missing + "'");
    }
}
