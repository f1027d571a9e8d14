package io.wormhole.gateway.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Someone saves a user or a device in the account: one {@code doc_edited} event on
 * {@code configuration}, routed as {@code doc_edited.<encoded account db>.<type>.<encoded id>}
 * with the payload datamgr sends (no document body); a device is then saved again in the
 * aggregate database {@code sip_auth}, as Kazoo does, and that copy (same
 * {@code Account-ID}) follows as a second event, which reaches only {@code *}
 * subscribers. Each document's revision grows by one per edit, across stories.
 */
final class DocumentStory implements Story {
    private static final String NODE = "kazoo_apps@kz1.example.com";
    private static final long YEAR_SECONDS = 365L * 24 * 3600;

    private final DemoAccount account;
    private final Random random;
    private final Map<String, Integer> revisions;
    private boolean ended;
    private DemoEvent copy;

    DocumentStory(DemoAccount account, Random random, Map<String, Integer> revisions) {
        this.account = account;
        this.random = random;
        this.revisions = revisions;
    }

    @Override
    public Instant readyAt() {
        return Instant.MIN;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public DemoEvent next(Instant now) {
        if (copy != null) {
            ended = true;
            return copy;
        }
        DemoAccount.Member member = account.member(random);
        boolean user = random.nextBoolean();
        String type = user ? "user" : "device";
        String id = user ? member.userId() : member.deviceId();
        int rev = revisions.merge(id, 1, Integer::sum) + 1;
        long modified = KazooWire.gregorian(now);
        Map<String, Object> m = KazooWire.message(random, "configuration", "doc_edited", "datamgr", NODE);
        m.put("ID", id);
        m.put("Database", account.db());
        m.put("Type", type);
        m.put("Rev", rev + "-" + KazooWire.hex(random, 32));
        m.put("Account-ID", account.id());
        m.put("Date-Created", modified - YEAR_SECONDS + Math.floorMod(id.hashCode(), YEAR_SECONDS / 2));
        m.put("Date-Modified", modified);
        m.put("Is-Soft-Deleted", false);
        m.put("Origin-Cache", "callflow_cache");
        ended = user;
        if (!user) {
            Map<String, Object> aggregate = new LinkedHashMap<>(m);
            aggregate.put("Database", "sip_auth");
            aggregate.put("Msg-ID", KazooWire.hex(random, 32));
            copy = new DemoEvent("configuration", "doc_edited.sip_auth." + type + "." + KazooWire.encode(id),
                    aggregate);
        }
        return new DemoEvent("configuration", "doc_edited." + KazooWire.encode(account.db()) + "." + type + "."
                + KazooWire.encode(id), m);
    }
}
