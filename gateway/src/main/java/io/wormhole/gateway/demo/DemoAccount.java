package io.wormhole.gateway.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One made-up Kazoo account of the demo: its id, name and SIP realm, its people (each a
 * user with one desk phone), a fax box and conference rooms. Ids are fresh per start, so
 * two demo nodes on one broker never share an account by accident. Immutable.
 */
record DemoAccount(String id, String name, String realm, String number, List<Member> members,
        String faxboxId, List<String> conferenceIds) {

    /** A user and the device registered for them. */
    record Member(String userId, String firstName, String lastName, String extension, String did,
            String deviceId, String sipUsername) {

        String name() {
            return firstName + " " + lastName;
        }

        String deviceName() {
            return firstName + "'s desk phone";
        }
    }

    private static final String[][] COMPANIES = {
        {"Acme Plumbing", "acme", "+1415555"},
        {"Globex Logistics", "globex", "+1312555"},
        {"Initech Support", "initech", "+1512555"},
    };
    private static final String[][] PEOPLE = {
        {"Alice", "Moreau"}, {"Bob", "Okafor"}, {"Chen", "Wei"}, {"Dana", "Kowalski"},
        {"Emil", "Svensson"}, {"Fatima", "Haddad"}, {"Gus", "Ferreira"}, {"Hana", "Sato"},
        {"Ivan", "Petrov"}, {"Jo", "Nakamura"}, {"Kofi", "Mensah"}, {"Lena", "Fischer"},
    };
    private static final int MEMBERS = 4;

    DemoAccount {
        members = List.copyOf(members);
        conferenceIds = List.copyOf(conferenceIds);
    }

    /** The demo's three accounts, with fresh ids drawn from {@code random}. */
    static List<DemoAccount> three(Random random) {
        List<DemoAccount> out = new ArrayList<>(COMPANIES.length);
        for (int a = 0; a < COMPANIES.length; a++) {
            String[] company = COMPANIES[a];
            List<Member> members = new ArrayList<>(MEMBERS);
            for (int m = 0; m < MEMBERS; m++) {
                String[] person = PEOPLE[a * MEMBERS + m];
                String extension = String.valueOf(1001 + m);
                members.add(new Member(KazooWire.hex(random, 32), person[0], person[1], extension,
                        company[2] + (1000 + random.nextInt(9000)), KazooWire.hex(random, 32),
                        "user_" + KazooWire.hex(random, 6)));
            }
            out.add(new DemoAccount(KazooWire.hex(random, 32), company[0], company[1] + ".sip.example.com",
                    company[2] + "0100", members, KazooWire.hex(random, 32),
                    List.of(KazooWire.hex(random, 32), KazooWire.hex(random, 32))));
        }
        return out;
    }

    String db() {
        return KazooWire.accountDb(id);
    }

    Member member(Random random) {
        return members.get(random.nextInt(members.size()));
    }

    /** Another member than {@code not}. */
    Member otherMember(Random random, Member not) {
        Member m = member(random);
        return m.equals(not) ? members.get((members.indexOf(not) + 1) % members.size()) : m;
    }
}
