package io.wormhole.gateway.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A meeting in one of the account's conference rooms, as ecallmgr reports it on
 * {@code conference}, routed as
 * {@code conference.event.<Event>.<Account-ID>.<Conference-ID>.<encoded Call-ID>}: two to
 * four members join one after the other ({@code add-member}), someone talks
 * ({@code start-talking}, {@code stop-talking}), then they leave ({@code del-member}).
 * Each member has a Call-ID and a Participant-ID of their own.
 */
final class ConferenceStory implements Story {
    private static final String NODE = "ecallmgr@kz1.example.com";

    private record Participant(DemoAccount.Member member, String callId, int participantId) {
    }

    private record Step(String event, Participant who, Duration dwell) {
    }

    private final DemoAccount account;
    private final Random random;
    private final String conferenceId;
    private final String instanceId;
    private final List<Step> plan = new ArrayList<>();
    private int next;
    private Instant readyAt = Instant.MIN;

    ConferenceStory(DemoAccount account, Random random) {
        this.account = account;
        this.random = random;
        this.conferenceId = account.conferenceIds().get(random.nextInt(account.conferenceIds().size()));
        this.instanceId = KazooWire.uuid(random);
        int count = 2 + random.nextInt(3);
        List<Participant> people = new ArrayList<>();
        List<DemoAccount.Member> members = new ArrayList<>(account.members());
        java.util.Collections.shuffle(members, random);
        for (int i = 0; i < count; i++) {
            Participant p = new Participant(members.get(i), KazooWire.uuid(random), 16 + i);
            people.add(p);
            plan.add(new Step("add-member", p, millis(800, 3000)));
        }
        Participant speaker = people.get(random.nextInt(count));
        plan.add(new Step("start-talking", speaker, millis(2000, 6000)));
        plan.add(new Step("stop-talking", speaker, millis(1000, 3000)));
        for (Participant p : people) {
            plan.add(new Step("del-member", p, millis(300, 1500)));
        }
    }

    @Override
    public Instant readyAt() {
        return readyAt;
    }

    @Override
    public boolean ended() {
        return next >= plan.size();
    }

    @Override
    public DemoEvent next(Instant now) {
        Step step = plan.get(next++);
        readyAt = now.plus(step.dwell());
        Participant p = step.who();
        Map<String, Object> m = KazooWire.message(random, "conference", "event", "ecallmgr", NODE);
        m.put("Event", step.event());
        m.put("Conference-ID", conferenceId);
        m.put("Instance-ID", instanceId);
        m.put("Account-ID", account.id());
        m.put("Call-ID", p.callId());
        m.put("Participant-ID", p.participantId());
        m.put("Caller-ID-Name", p.member().name());
        m.put("Caller-ID-Number", p.member().extension());
        m.put("Timestamp", KazooWire.gregorian(now));
        return new DemoEvent("conference", "conference.event." + step.event() + "." + account.id() + "."
                + conferenceId + "." + KazooWire.encode(p.callId()), m);
    }

    private Duration millis(int min, int max) {
        return Duration.ofMillis(min + random.nextInt(max - min + 1));
    }
}
