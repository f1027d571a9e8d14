package io.wormhole.gateway.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo's event source: many {@link Story stories} at once, over the demo accounts,
 * interleaved the way a live cluster's events are. Each call to {@link #next} hands out
 * one event of a story that is ready (a call that is talking waits before it hangs up);
 * when none is ready a new story begins, so the script always has an event and the
 * publisher alone sets the pace.
 *
 * <p>Mix: half the stories are calls, the rest document edits, faxes and conferences,
 * limited to the families whose exchange the node's catalogue has; half of them happen
 * in the first account, whose token the node prints. Live stories are
 * bounded ({@value #MAX_LIVE}); past that, single-event document edits fill in. Cost per
 * event: a scan of the live stories. Confined to one thread.
 */
final class KazooScript {
    static final int MAX_LIVE = 4096;
    private static final int MIN_LIVE = 4;

    private final List<DemoAccount> accounts;
    private final Random random;
    private final boolean calls;
    private final boolean documents;
    private final boolean faxes;
    private final boolean conferences;
    private final int target;
    private final List<Story> live = new ArrayList<>();
    private final Map<String, Integer> revisions = new HashMap<>();

    /**
     * @param rate      events per second the script will be asked for; more live stories
     *                  at higher rates keep the interleaving realistic
     * @param exchanges the exchanges the node's catalogue knows; families on others are left out
     */
    KazooScript(List<DemoAccount> accounts, Random random, double rate, Set<String> exchanges) {
        this.accounts = List.copyOf(accounts);
        this.random = random;
        this.calls = exchanges.contains("callevt");
        this.documents = exchanges.contains("configuration");
        this.faxes = exchanges.contains("faxes");
        this.conferences = exchanges.contains("conference");
        requireKazooExchange(exchanges);
        this.target = (int) Math.max(MIN_LIVE, Math.min(64, Math.round(rate / 2)));
    }

    /** Throws unless the demo can publish on at least one of these exchanges. */
    static void requireKazooExchange(Set<String> exchanges) {
        if (!exchanges.contains("callevt") && !exchanges.contains("configuration") && !exchanges.contains("faxes")
                && !exchanges.contains("conference")) {
            throw new IllegalArgumentException("the catalogue has none of the exchanges callevt, configuration,"
                    + " faxes, conference");
        }
    }

    /** The next event at {@code now}. */
    DemoEvent next(Instant now) {
        while (live.size() < target) {
            live.add(newStory());
        }
        Story chosen = null;
        int n = live.size();
        int start = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            Story s = live.get((start + i) % n);
            if (!s.readyAt().isAfter(now)) {
                chosen = s;
                break;
            }
        }
        if (chosen == null) {
            chosen = live.size() < MAX_LIVE ? newStory() : filler();
            live.add(chosen);
        }
        DemoEvent event = chosen.next(now);
        if (chosen.ended()) {
            live.remove(chosen);
        }
        return event;
    }

    /** Half the stories happen in the first account (the printed token's), the rest evenly in the others. */
    private DemoAccount account() {
        if (accounts.size() == 1 || random.nextBoolean()) {
            return accounts.get(0);
        }
        return accounts.get(1 + random.nextInt(accounts.size() - 1));
    }

    /** Stories under way (tests). */
    int live() {
        return live.size();
    }

    private Story newStory() {
        DemoAccount account = account();
        while (true) {
            int dice = random.nextInt(20);
            if (dice < 10 && calls) {
                return new CallStory(account, random);
            } else if (dice >= 10 && dice < 14 && documents) {
                return new DocumentStory(account, random, revisions);
            } else if (dice >= 14 && dice < 17 && faxes) {
                return new FaxStory(account, random);
            } else if (dice >= 17 && conferences) {
                return new ConferenceStory(account, random);
            }
        }
    }

    /** A story of one event, for when the live stories are at their bound. */
    private Story filler() {
        DemoAccount account = account();
        return documents ? new DocumentStory(account, random, revisions) : newStory();
    }
}
