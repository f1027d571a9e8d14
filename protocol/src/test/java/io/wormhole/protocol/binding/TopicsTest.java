package io.wormhole.protocol.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''        | ''",
        "a         | a",
        "a.b       | a,b",
        "a.        | a,",
        ".a        | ,a",
        ".         | ,",
        "a..b      | a,,b",
        "..        | ,,",
    })
    void words_splitLikeRabbitMq_emptyKeyHasNoWords(String key, String expected) {
        List<String> want = expected.isEmpty() && key.isEmpty() ? List.of()
                : Arrays.asList(expected.split(",", -1));
        assertThat(Topics.words(key)).isEqualTo(want);
    }

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        // literals
        "a.b      | a.b      | true",
        "a.b      | a.c      | false",
        "a.b      | a.b.c    | false",
        "a.b.c    | a.b      | false",
        // '*' is exactly one word
        "a.*      | a.b      | true",
        "a.*      | a        | false",
        "a.*      | a.b.c    | false",
        "*.*      | a.b      | true",
        // '#' is zero or more words
        "a.#      | a        | true",
        "a.#      | a.b.c    | true",
        "#.b      | b        | true",
        "#.b      | a.x.b    | true",
        "a.#.b    | a.b      | true",
        "a.#.b    | a.x.y.b  | true",
        "a.#.b    | a.x.y    | false",
        "#        | a.b.c    | true",
        "#.#      | a        | true",
        "*.#.*    | a        | false",
        "*.#.*    | a.b      | true",
        "#.*      | a        | true",
        // empty words are words (RabbitMQ)
        "a.*      | a.       | true",
        "*.*      | .        | true",
        "*        | .        | false",
        "a..b     | a..b     | true",
        "a.*.b    | a..b     | true",
        "a.b.#    | a.b.     | true",
        "a.b      | a.b.     | false",
        "#.b      | .b       | true",
        // the empty key has no words
        "#        | ''       | true",
        "#.#      | ''       | true",
        "*        | ''       | false",
        "#.*      | ''       | false",
        "''       | ''       | true",
        "''       | a        | false",
        "a        | ''       | false",
    })
    void matches_followsRabbitMqTopicSemantics(String pattern, String key, boolean expected) {
        assertThat(Topics.matches(pattern, key)).isEqualTo(expected);
    }

    @Test
    void match_hashAtEnd_matchesZeroWords() {
        assertThat(Topics.matches("call.CHANNEL_CREATE.#", "call.CHANNEL_CREATE")).isTrue();
    }

    @Test
    void match_manyHashesAgainstLongKey_finishesQuickly() {
        String pattern = String.join(".", java.util.Collections.nCopies(40, "#")) + ".z";
        String key = String.join(".", java.util.Collections.nCopies(200, "a"));
        assertThat(Topics.matches(pattern, key)).isFalse();
        assertThat(Topics.matches(pattern, key + ".z")).isTrue();
    }

    /**
     * RabbitMQ's split (rabbit_db_topic_exchange:split_topic_key), written apart from
     * {@link Topics#words}: no words in the empty key, else every '.' separates two.
     */
    private static List<String> refWords(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\.", -1));
    }

    /** The reference matcher: AMQP 0-9-1 topic matching, recursive over word lists. */
    private static boolean refMatch(List<String> p, List<String> k) {
        if (p.isEmpty()) {
            return k.isEmpty();
        }
        String head = p.get(0);
        List<String> pRest = p.subList(1, p.size());
        if (head.equals("#")) {
            return refMatch(pRest, k) || (!k.isEmpty() && refMatch(p, k.subList(1, k.size())));
        }
        return !k.isEmpty() && (head.equals("*") || head.equals(k.get(0)))
                && refMatch(pRest, k.subList(1, k.size()));
    }

    private static final String[] PATTERN_WORDS = {"a", "b", "", "*", "#"};
    private static final String[] KEY_WORDS = {"a", "b", ""};
    private static final int CASES = 120_000;

    @Test
    void matches_agreesWithReferenceMatcher_onSeededGeneratedPairs() {
        Random random = new Random(0x5eed_2024L);
        int matched = 0;
        for (int i = 0; i < CASES; i++) {
            List<String> patternWords = new ArrayList<>();
            for (int n = random.nextInt(6); n > 0; n--) {
                patternWords.add(PATTERN_WORDS[random.nextInt(PATTERN_WORDS.length)]);
            }
            // half the keys are drawn from the pattern (mostly matching, then mutated), half at random
            List<String> keyWords = random.nextBoolean() ? fromPattern(patternWords, random) : new ArrayList<>();
            if (keyWords.isEmpty() || random.nextInt(4) == 0) {
                for (int n = random.nextInt(6); n > 0; n--) {
                    keyWords.add(KEY_WORDS[random.nextInt(KEY_WORDS.length)]);
                }
            }
            String pattern = String.join(".", patternWords);
            String key = String.join(".", keyWords);
            boolean expected = refMatch(refWords(pattern), refWords(key));
            assertThat(Topics.matches(pattern, key))
                    .as("case %d: pattern '%s' key '%s'", i, pattern, key)
                    .isEqualTo(expected);
            if (expected) {
                matched++;
            }
        }
        assertThat(matched).as("matching cases").isGreaterThan(CASES / 10).isLessThan(CASES * 9 / 10);
    }

    /** A key the pattern would match: '*' becomes one word, '#' zero to two words. */
    private static List<String> fromPattern(List<String> pattern, Random random) {
        List<String> key = new ArrayList<>();
        for (String w : pattern) {
            if (w.equals("*")) {
                key.add(KEY_WORDS[random.nextInt(KEY_WORDS.length)]);
            } else if (w.equals("#")) {
                for (int n = random.nextInt(3); n > 0; n--) {
                    key.add(KEY_WORDS[random.nextInt(KEY_WORDS.length)]);
                }
            } else {
                key.add(w);
            }
        }
        return key;
    }
}
