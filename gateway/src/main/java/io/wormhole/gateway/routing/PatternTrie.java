package io.wormhole.gateway.routing;

import io.wormhole.protocol.binding.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The index of the distinct AMQP topic patterns of one exchange.
 *
 * <p><b>Structure.</b> A token trie over the words of a pattern (as RabbitMQ's topic trie and
 * nats' sublist): each node has a map of literal children keyed by word, one {@code *} child
 * and one {@code #} child. The node reached by a pattern's last word holds that pattern's
 * {@link PatternEntry}; the root holds the entry of the pattern with no words. Words come
 * from {@link Topics#words}, so patterns and RoutingKeys are split exactly as the broker
 * splits them.
 *
 * <p><b>Walk.</b> Matching a RoutingKey of n words from word i at a node: the {@code #} child
 * is tried with every suffix (it eats 0..n-i words), the literal child for word i and the
 * {@code *} child with word i+1 (a {@code *} eats exactly one word, possibly empty), and the
 * node's entry matches when i == n. This is AMQP 0-9-1 topic matching as RabbitMQ does it.
 *
 * <p><b>Invariant.</b> Every node except the root holds an entry or has a child: removing a
 * pattern prunes the nodes it leaves empty, so after every pattern is removed only the bare
 * root is left ({@link #nodeCount()} is 1).
 *
 * <p><b>Threading.</b> Mutations ({@link #add}, {@link #remove}) are serialised by the caller
 * (the Hub's lock). {@link #match} takes no lock: node fields are volatile and literal
 * children live in a {@link ConcurrentHashMap}, so a walk sees each node either before or
 * after a concurrent mutation and never a torn one; a walk that starts after a mutation
 * returned sees it. A walk racing a removal may still return the removed entry, which is
 * then empty or about to be.
 *
 * <p><b>Cost.</b> A match visits the nodes on the paths that fit the key: for patterns with no
 * {@code #}, at most two children per word; each {@code #} multiplies by at most n. Patterns
 * are validated to at most two {@code #} (TopicPattern), so a walk is O(n^2) nodes in the
 * worst case and O(n) in practice, independent of how many patterns or Sessions exist. Adding
 * or removing is O(words) map operations.
 *
 * <p><b>Left out.</b> No cache of match results (nats keeps one): a Kazoo RoutingKey usually
 * carries a call id or document id, so results repeat rarely and a cache would need
 * invalidation on every subscribe. No compaction of single-child chains: patterns have at
 * most a handful of words.
 */
final class PatternTrie {

    private final Node root = new Node();
    private volatile int size;

    /** The entry of {@code pattern}, created with an empty trie path if absent. Caller holds the lock. */
    PatternEntry add(String pattern) {
        List<String> words = Topics.words(pattern);
        Node node = root;
        for (int i = 0; i < words.size(); i++) {
            node = node.childOrCreate(words.get(i));
        }
        PatternEntry entry = node.entry;
        if (entry == null) {
            entry = new PatternEntry(pattern);
            node.entry = entry;
            size++;
        }
        return entry;
    }

    /** The entry of exactly {@code pattern} (wildcards taken literally), or null. Any thread. */
    PatternEntry find(String pattern) {
        List<String> words = Topics.words(pattern);
        Node node = root;
        for (int i = 0; i < words.size() && node != null; i++) {
            node = node.child(words.get(i));
        }
        return node == null ? null : node.entry;
    }

    /** Removes the entry of {@code pattern}, if any, and prunes the nodes left empty. Caller holds the lock. */
    void remove(String pattern) {
        List<String> words = Topics.words(pattern);
        Node[] path = new Node[words.size() + 1];
        path[0] = root;
        for (int i = 0; i < words.size(); i++) {
            Node next = path[i].child(words.get(i));
            if (next == null) {
                return;
            }
            path[i + 1] = next;
        }
        Node leaf = path[words.size()];
        if (leaf.entry == null) {
            return;
        }
        leaf.entry = null;
        size--;
        for (int i = words.size(); i > 0 && path[i].isEmpty(); i--) {
            path[i - 1].unlink(words.get(i - 1));
        }
    }

    /** Adds every entry whose pattern matches {@code routingKey} to {@code out}, each once. Any thread, no lock. */
    void match(String routingKey, Matches out) {
        walk(root, Topics.words(routingKey), 0, out);
    }

    private static void walk(Node node, List<String> words, int i, Matches out) {
        int n = words.size();
        Node hash = node.hash;
        if (hash != null) {
            for (int k = i; k <= n; k++) {
                walk(hash, words, k, out);
            }
        }
        if (i == n) {
            PatternEntry entry = node.entry;
            if (entry != null) {
                out.add(entry);
            }
            return;
        }
        Map<String, Node> literals = node.literals;
        if (literals != null) {
            Node literal = literals.get(words.get(i));
            if (literal != null) {
                walk(literal, words, i + 1, out);
            }
        }
        Node star = node.star;
        if (star != null) {
            walk(star, words, i + 1, out);
        }
    }

    /** Distinct patterns held. */
    int size() {
        return size;
    }

    /** True when no pattern is held and the root has no child. */
    boolean isEmpty() {
        return root.isEmpty();
    }

    /** Nodes including the root: 1 for an empty trie. For tests and diagnostics; walks the whole trie. */
    int nodeCount() {
        return root.count();
    }

    /**
     * One trie node. Written only under the Hub's lock; read by the delivery thread without
     * one, hence volatile fields and a concurrent map for the literal children.
     */
    private static final class Node {
        /** Literal children by word; null until the first one, dropped again when empty. */
        volatile Map<String, Node> literals;
        volatile Node star;
        volatile Node hash;
        volatile PatternEntry entry;

        Node child(String word) {
            if ("*".equals(word)) {
                return star;
            }
            if ("#".equals(word)) {
                return hash;
            }
            Map<String, Node> map = literals;
            return map == null ? null : map.get(word);
        }

        Node childOrCreate(String word) {
            Node existing = child(word);
            if (existing != null) {
                return existing;
            }
            Node created = new Node();
            if ("*".equals(word)) {
                star = created;
            } else if ("#".equals(word)) {
                hash = created;
            } else {
                Map<String, Node> map = literals;
                if (map == null) {
                    map = new ConcurrentHashMap<>(4);
                    literals = map;
                }
                map.put(word, created);
            }
            return created;
        }

        void unlink(String word) {
            if ("*".equals(word)) {
                star = null;
            } else if ("#".equals(word)) {
                hash = null;
            } else {
                Map<String, Node> map = literals;
                map.remove(word);
                if (map.isEmpty()) {
                    literals = null;
                }
            }
        }

        boolean isEmpty() {
            Map<String, Node> map = literals;
            return entry == null && star == null && hash == null && (map == null || map.isEmpty());
        }

        int count() {
            int n = 1;
            Map<String, Node> map = literals;
            if (map != null) {
                for (Node child : map.values()) {
                    n += child.count();
                }
            }
            if (star != null) {
                n += star.count();
            }
            if (hash != null) {
                n += hash.count();
            }
            return n;
        }
    }

    /**
     * The entries one walk matched, without duplicates: with two {@code #} a pattern can fit
     * a key in several ways (e.g. {@code #.a.#} and {@code a.a}) and must still count once.
     * One per walk, used by one thread. Duplicates are found by a linear scan: a key matches
     * a handful of patterns, not thousands.
     */
    static final class Matches {
        private PatternEntry[] items = new PatternEntry[4];
        private int size;

        void add(PatternEntry entry) {
            for (int i = 0; i < size; i++) {
                if (items[i] == entry) {
                    return;
                }
            }
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = entry;
        }

        int size() {
            return size;
        }

        PatternEntry get(int i) {
            return items[i];
        }
    }
}
