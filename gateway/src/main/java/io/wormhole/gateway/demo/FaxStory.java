package io.wormhole.gateway.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One fax job of the account's fax box, as the fax app reports its progress on
 * {@code faxes}, routed as {@code fax.status.<Account-ID>.<encoded Job-ID>}: outgoing
 * {@code start → prepare → send} (once per page) {@code → end}, or incoming
 * {@code start → receive} (per page) {@code → end}; one job in eight ends in
 * {@code error} half-way instead.
 */
final class FaxStory implements Story {
    private static final String NODE = "kazoo_apps@kz1.example.com";

    private final DemoAccount account;
    private final Random random;
    private final String jobId;
    private final String direction;
    private final int pages;
    private final List<String> states = new ArrayList<>();
    private final List<Integer> pageOf = new ArrayList<>();
    private int next;
    private Instant readyAt = Instant.MIN;

    FaxStory(DemoAccount account, Random random) {
        this.account = account;
        this.random = random;
        this.jobId = KazooWire.hex(random, 32);
        boolean outgoing = random.nextBoolean();
        this.direction = outgoing ? "outgoing" : "incoming";
        this.pages = 1 + random.nextInt(4);
        boolean fails = random.nextInt(8) == 0;
        add("start", 0);
        if (outgoing) {
            add("prepare", 0);
        }
        for (int page = 1; page <= pages; page++) {
            add(outgoing ? "send" : "receive", page);
            if (fails && page == (pages + 1) / 2) {
                add("error", page);
                return;
            }
        }
        add("end", pages);
    }

    @Override
    public Instant readyAt() {
        return readyAt;
    }

    @Override
    public boolean ended() {
        return next >= states.size();
    }

    @Override
    public DemoEvent next(Instant now) {
        String state = states.get(next);
        int page = pageOf.get(next);
        next++;
        readyAt = now.plus(Duration.ofMillis(400 + random.nextInt(1600)));
        Map<String, Object> m = KazooWire.message(random, "fax", "status", "fax", NODE);
        m.put("Job-ID", jobId);
        m.put("Fax-State", state);
        m.put("Direction", direction);
        m.put("Account-ID", account.id());
        m.put("FaxBox-ID", account.faxboxId());
        m.put("Page", page);
        m.put("Total-Pages", pages);
        m.put("Timestamp", KazooWire.gregorian(now));
        return new DemoEvent("faxes", "fax.status." + account.id() + "." + KazooWire.encode(jobId), m);
    }

    private void add(String state, int page) {
        states.add(state);
        pageOf.add(page);
    }
}
