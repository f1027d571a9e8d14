package io.wormhole.gateway.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One call with two legs, as ecallmgr reports it on {@code callevt}: the caller's leg
 * (A, "inbound" to the switch) and the leg to the callee (B, "outbound"), each with its
 * own Call-ID, routed as {@code call.<Event-Name>.<encoded Call-ID>}. An answered call
 * runs CHANNEL_CREATE (A, B) → CHANNEL_ANSWER (B, A) → CHANNEL_BRIDGE (A, with
 * Other-Leg-Call-ID B) → sometimes CHANNEL_HOLD/UNHOLD → talk → CHANNEL_DESTROY (B, A,
 * with Duration-Seconds and Billing-Seconds); a missed one rings and is cancelled. The
 * call is internal (desk phone to desk phone), inbound from a carrier to a user, or
 * outbound from a user to a carrier. Timestamps and durations are real: the script is
 * played in wall-clock time.
 */
final class CallStory implements Story {
    private static final String NODE = "ecallmgr@kz1.example.com";
    private static final String MEDIA_SERVER = "fs1.example.com";
    private static final String[] STRANGERS = {"WIRELESS CALLER", "Pat Jensen", "Morgan Reyes", "Sam Iverson",
        "Riley Chandra", "Noor Aziz"};

    /** One leg's identity and Custom-Channel-Vars. */
    private record Leg(String callId, String direction, Map<String, Object> channelVars) {
    }

    /** One event of the plan, on which leg, and how long the story waits after it. */
    private record Step(String event, boolean aLeg, Duration dwell) {
    }

    private final Random random;
    private final Leg a;
    private final Leg b;
    private final String callerName;
    private final String callerNumber;
    private final String calleeName;
    private final String calleeNumber;
    private final String realm;
    private final List<Step> plan = new ArrayList<>();
    private final boolean answered;
    private int next;
    private Instant readyAt = Instant.MIN;
    private Instant created;
    private Instant answeredAt;
    private boolean bridged;

    CallStory(DemoAccount account, Random random) {
        this.random = random;
        this.realm = account.realm();
        DemoAccount.Member member = account.member(random);
        String carrierIp = "198.51.100." + (2 + random.nextInt(250));
        int kind = random.nextInt(3);
        if (kind == 0) {
            DemoAccount.Member callee = account.otherMember(random, member);
            callerName = member.name();
            callerNumber = member.extension();
            calleeName = callee.name();
            calleeNumber = callee.extension();
            a = new Leg(deviceCallId(), "inbound", deviceVars(account, member));
            b = new Leg(KazooWire.uuid(random), "outbound", deviceVars(account, callee));
        } else if (kind == 1) {
            callerName = STRANGERS[random.nextInt(STRANGERS.length)];
            callerNumber = "+1" + (200 + random.nextInt(700)) + "555" + (1000 + random.nextInt(9000));
            calleeName = member.name();
            calleeNumber = member.did();
            a = new Leg(KazooWire.hex(random, 24) + "@" + carrierIp, "inbound", carrierVars(account));
            b = new Leg(KazooWire.uuid(random), "outbound", deviceVars(account, member));
        } else {
            callerName = account.name();
            callerNumber = account.number();
            calleeName = STRANGERS[random.nextInt(STRANGERS.length)];
            calleeNumber = "+1" + (200 + random.nextInt(700)) + "555" + (1000 + random.nextInt(9000));
            a = new Leg(deviceCallId(), "inbound", deviceVars(account, member));
            b = new Leg(KazooWire.uuid(random), "outbound", carrierVars(account));
        }
        answered = random.nextInt(5) != 0;
        plan.add(new Step("CHANNEL_CREATE", true, millis(50, 300)));
        plan.add(new Step("CHANNEL_CREATE", false, millis(1000, 4000)));
        if (answered) {
            plan.add(new Step("CHANNEL_ANSWER", false, millis(20, 200)));
            plan.add(new Step("CHANNEL_ANSWER", true, millis(20, 200)));
            plan.add(new Step("CHANNEL_BRIDGE", true, millis(3000, 9000)));
            if (random.nextInt(4) == 0) {
                plan.add(new Step("CHANNEL_HOLD", true, millis(2000, 5000)));
                plan.add(new Step("CHANNEL_UNHOLD", true, millis(2000, 6000)));
            }
        }
        plan.add(new Step("CHANNEL_DESTROY", false, millis(20, 200)));
        plan.add(new Step("CHANNEL_DESTROY", true, Duration.ZERO));
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
        if (created == null) {
            created = now;
        }
        if (step.event().equals("CHANNEL_ANSWER") && answeredAt == null) {
            answeredAt = now;
        }
        bridged |= step.event().equals("CHANNEL_BRIDGE");
        Leg leg = step.aLeg() ? a : b;
        Map<String, Object> m = KazooWire.message(random, "call_event", step.event(), "ecallmgr", NODE);
        m.put("Call-ID", leg.callId());
        m.put("Call-Direction", leg.direction());
        m.put("Caller-ID-Name", callerName);
        m.put("Caller-ID-Number", callerNumber);
        m.put("Callee-ID-Name", calleeName);
        m.put("Callee-ID-Number", calleeNumber);
        m.put("From", callerNumber + "@" + realm);
        m.put("To", calleeNumber + "@" + realm);
        m.put("Request", calleeNumber + "@" + realm);
        m.put("Timestamp", KazooWire.gregorian(now));
        m.put("Channel-Call-State", callState(step.event()));
        m.put("Media-Server", MEDIA_SERVER);
        if (!step.aLeg() || bridged) {
            m.put("Other-Leg-Call-ID", step.aLeg() ? b.callId() : a.callId());
        }
        if (step.event().equals("CHANNEL_DESTROY")) {
            m.put("Hangup-Cause", answered ? "NORMAL_CLEARING" : step.aLeg() ? "ORIGINATOR_CANCEL" : "NO_ANSWER");
            m.put("Hangup-Code", answered ? "sip:200" : step.aLeg() ? "sip:487" : "sip:480");
            m.put("Duration-Seconds", Duration.between(created, now).toSeconds());
            m.put("Billing-Seconds", answeredAt == null ? 0 : Duration.between(answeredAt, now).toSeconds());
        }
        m.put("Custom-Channel-Vars", new LinkedHashMap<>(leg.channelVars()));
        return new DemoEvent("callevt", "call." + step.event() + "." + KazooWire.encode(leg.callId()), m);
    }

    private static String callState(String event) {
        switch (event) {
            case "CHANNEL_CREATE":
                return "DOWN";
            case "CHANNEL_HOLD":
                return "HELD";
            case "CHANNEL_DESTROY":
                return "HANGUP";
            default:
                return "ACTIVE";
        }
    }

    /** A SIP phone's Call-ID: random, {@code @} its address (so the routing key shows %40 and %2E). */
    private String deviceCallId() {
        return KazooWire.hex(random, 16) + "@10.20." + random.nextInt(256) + "." + (2 + random.nextInt(250));
    }

    private static Map<String, Object> deviceVars(DemoAccount account, DemoAccount.Member member) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Account-ID", account.id());
        v.put("Owner-ID", member.userId());
        v.put("Authorizing-ID", member.deviceId());
        v.put("Authorizing-Type", "device");
        v.put("Realm", account.realm());
        v.put("Username", member.sipUsername());
        v.put("Account-Name", account.name());
        return v;
    }

    private Map<String, Object> carrierVars(DemoAccount account) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Account-ID", account.id());
        v.put("Authorizing-ID", KazooWire.hex(random, 32));
        v.put("Authorizing-Type", "resource");
        v.put("Realm", account.realm());
        v.put("Account-Name", account.name());
        return v;
    }

    private Duration millis(int min, int max) {
        return Duration.ofMillis(min + random.nextInt(max - min + 1));
    }
}
