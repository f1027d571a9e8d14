package io.wormhole.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wormhole.protocol.binding.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trie must answer exactly what AMQP topic matching answers ({@link Topics#matches}, the
 * reference, checked pattern by pattern), and must leave nothing behind once every pattern
 * is removed (as RabbitMQ's "add all, remove all, the trie is empty").
 */
class PatternTrieTest {

    private static final String[] PATTERN_WORDS = {"a", "b", "c", "*", "#"};
    private static final String[] KEY_WORDS = {"a", "b", "c", ""};
    private static final int PATTERNS_PER_TRIE = 120;
    private static final int KEYS_PER_SEED = 2_500;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void match_randomPatternsAndRoutingKeys_agreesWithReferenceMatcher(long seed) {
        Random random = new Random(seed);
        List<String> patterns = randomPatterns(random, PATTERNS_PER_TRIE);
        PatternTrie trie = new PatternTrie();
        for (String pattern : patterns) {
            trie.add(pattern);
        }

        for (int i = 0; i < KEYS_PER_SEED; i++) {
            String key = randomKey(random);
            assertThat(matched(trie, key)).as("patterns matching routing key '%s'", key)
                    .isEqualTo(reference(patterns, key));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void match_afterRemovingHalfThePatterns_agreesWithReferenceOnTheRest(long seed) {
        Random random = new Random(seed);
        List<String> patterns = new ArrayList<>(randomPatterns(random, PATTERNS_PER_TRIE));
        PatternTrie trie = new PatternTrie();
        for (String pattern : patterns) {
            trie.add(pattern);
        }
        Collections.shuffle(patterns, random);
        List<String> kept = patterns.subList(0, patterns.size() / 2);
        for (String removed : patterns.subList(patterns.size() / 2, patterns.size())) {
            trie.remove(removed);
        }

        for (int i = 0; i < KEYS_PER_SEED; i++) {
            String key = randomKey(random);
            assertThat(matched(trie, key)).as("patterns matching routing key '%s'", key)
                    .isEqualTo(reference(kept, key));
        }
        assertThat(trie.size()).isEqualTo(kept.size());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24})
    void removeAll_afterAddingRandomPatterns_leavesOnlyTheRoot(long seed) {
        Random random = new Random(seed);
        List<String> patterns = new ArrayList<>(randomPatterns(random, 300));
        PatternTrie trie = new PatternTrie();
        for (String pattern : patterns) {
            trie.add(pattern);
        }
        assertThat(trie.nodeCount()).isGreaterThan(1);

        Collections.shuffle(patterns, random);
        for (String pattern : patterns) {
            trie.remove(pattern);
        }

        assertThat(trie.isEmpty()).isTrue();
        assertThat(trie.nodeCount()).isEqualTo(1);
        assertThat(trie.size()).isZero();
    }

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            a.b.c   | a.b.c    | true
            a.b.c   | a.b      | false
            a.*.c   | a.b.c    | true
            a.*     | a        | false
            a.*     | a.       | true
            *       | ''       | false
            #       | ''       | true
            #       | a.b.c    | true
            a.#     | a        | true
            a.#     | a.b.c    | true
            a.#     | b.a      | false
            #.c     | c        | true
            #.c     | a.b.c    | true
            a.#.c   | a.c      | true
            a.#.c   | a.x.y.c  | true
            #.*     | ''       | false
            #.*     | a        | true
            *.#     | a.b      | true
            #.a.#   | a.a      | true
            #.#     | ''       | true
            a..b    | a..b     | true
            """)
    void match_amqpTopicSemantics_asRabbitMqDoes(String pattern, String key, boolean expected) {
        PatternTrie trie = new PatternTrie();
        trie.add(pattern);

        PatternTrie.Matches matches = new PatternTrie.Matches();
        trie.match(key, matches);

        assertThat(matches.size()).isEqualTo(expected ? 1 : 0);
        assertThat(Topics.matches(pattern, key)).as("reference").isEqualTo(expected);
    }

    @Test
    void match_patternFittingTheKeyInSeveralWays_isReturnedOnce() {
        PatternTrie trie = new PatternTrie();
        PatternEntry entry = trie.add("#.#");

        PatternTrie.Matches matches = new PatternTrie.Matches();
        trie.match("a.a.a.a", matches);

        assertThat(matches.size()).isEqualTo(1);
        assertThat(matches.get(0)).isSameAs(entry);
    }

    @Test
    void add_samePatternTwice_returnsTheSameEntryAndCountsOnce() {
        PatternTrie trie = new PatternTrie();

        PatternEntry first = trie.add("call.*.abc");
        PatternEntry second = trie.add("call.*.abc");

        assertThat(second).isSameAs(first);
        assertThat(trie.size()).isEqualTo(1);
        assertThat(trie.find("call.*.abc")).isSameAs(first);
    }

    @Test
    void find_takesWildcardsLiterally() {
        PatternTrie trie = new PatternTrie();
        trie.add("call.*.abc");

        assertThat(trie.find("call.CHANNEL_CREATE.abc")).isNull();
        assertThat(trie.find("call.#")).isNull();
        assertThat(trie.find("call.*")).isNull();
    }

    @Test
    void remove_patternSharingAPrefix_prunesOnlyTheNodesLeftEmpty() {
        PatternTrie trie = new PatternTrie();
        PatternEntry shorter = trie.add("a.b");
        trie.add("a.b.c.d");
        assertThat(trie.nodeCount()).isEqualTo(5);

        trie.remove("a.b.c.d");

        assertThat(trie.nodeCount()).isEqualTo(3);
        assertThat(trie.find("a.b")).isSameAs(shorter);
        assertThat(trie.size()).isEqualTo(1);
    }

    @Test
    void remove_prefixOfAnotherPattern_keepsTheLongerPath() {
        PatternTrie trie = new PatternTrie();
        trie.add("a.b");
        PatternEntry longer = trie.add("a.b.c");

        trie.remove("a.b");

        assertThat(trie.find("a.b")).isNull();
        assertThat(trie.find("a.b.c")).isSameAs(longer);
        assertThat(trie.nodeCount()).isEqualTo(4);
    }

    @Test
    void remove_absentPattern_changesNothing() {
        PatternTrie trie = new PatternTrie();
        trie.add("a.b.c");

        trie.remove("a.b");
        trie.remove("a.b.c.d");
        trie.remove("x");

        assertThat(trie.size()).isEqualTo(1);
        assertThat(trie.nodeCount()).isEqualTo(4);
    }

    private static Set<String> matched(PatternTrie trie, String key) {
        PatternTrie.Matches matches = new PatternTrie.Matches();
        trie.match(key, matches);
        Set<String> patterns = new TreeSet<>();
        for (int i = 0; i < matches.size(); i++) {
            assertThat(patterns.add(matches.get(i).pattern()))
                    .as("'%s' returned twice for '%s'", matches.get(i).pattern(), key).isTrue();
        }
        return patterns;
    }

    private static Set<String> reference(List<String> patterns, String key) {
        Set<String> matching = new TreeSet<>();
        for (String pattern : patterns) {
            if (Topics.matches(pattern, key)) {
                matching.add(pattern);
            }
        }
        return matching;
    }

    /** Distinct valid patterns: 1 to 5 words over a tiny alphabet, at most two '#'. */
    private static List<String> randomPatterns(Random random, int count) {
        Set<String> patterns = new LinkedHashSet<>();
        while (patterns.size() < count) {
            int length = 1 + random.nextInt(5);
            List<String> words = new ArrayList<>(length);
            int hashes = 0;
            for (int i = 0; i < length; i++) {
                String word = PATTERN_WORDS[random.nextInt(PATTERN_WORDS.length)];
                if (word.equals("#") && ++hashes > 2) {
                    word = "*";
                }
                words.add(word);
            }
            patterns.add(String.join(".", words));
        }
        return new ArrayList<>(patterns);
    }

    /** A routing key of 0 to 6 words, empty words included (legal on AMQP). */
    private static String randomKey(Random random) {
        int length = random.nextInt(7);
        List<String> words = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            words.add(KEY_WORDS[random.nextInt(KEY_WORDS.length)]);
        }
        return String.join(".", words);
    }
}
