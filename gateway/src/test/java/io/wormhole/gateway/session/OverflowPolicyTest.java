package io.wormhole.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OverflowPolicyTest {

    @ParameterizedTest
    @CsvSource({"drop_oldest, DROP_OLDEST", "drop_newest, DROP_NEWEST", "close, CLOSE",
            "DROP_Oldest, DROP_OLDEST", "'  close ', CLOSE"})
    void parse_wireName_returnsPolicyIgnoringCaseAndSpaces(String wire, OverflowPolicy expected) {
        assertThat(OverflowPolicy.parse(wire)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void parse_wireOfEachPolicy_roundTrips(OverflowPolicy policy) {
        assertThat(OverflowPolicy.parse(policy.wire())).isEqualTo(policy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "drop", "drop-oldest", "closed", "oldest"})
    void parse_unknownName_throwsNamingIt(String wire) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OverflowPolicy.parse(wire))
                .withMessage("unknown overflow policy '" + wire + "'");
    }
}
