package io.wormhole.perf.gatling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongBiFunction;

/**
 * Gathers every user's {@link UserReceipts} as it finishes and, once the publisher is
 * done, compares each with what was published for its account and binding: Gatling's
 * report shows connect and subscribe times, this shows whether the pushes arrived.
 *
 * <p>A user counts as <em>exact</em> when it received every Event it should have and
 * nothing else. Users that subscribed after the publisher started ({@code late}) could
 * miss early Events through no fault of the gateway and are counted apart; users whose
 * connect or subscribe failed are only counted.
 */
final class DeliveryTally {
    private final ConcurrentLinkedQueue<UserReceipts> finished = new ConcurrentLinkedQueue<>();
    private final AtomicLong notSubscribed = new AtomicLong();

    void finished(UserReceipts receipts) {
        finished.add(receipts);
    }

    void notSubscribed() {
        notSubscribed.incrementAndGet();
    }

    /**
     * The comparison, as text. {@code published(account, event)} is the publisher's count;
     * {@code publishStartNanos} tells late subscribers apart.
     */
    Summary summarize(List<String> events, ToLongBiFunction<Integer, String> published, long publishStartNanos) {
        List<UserReceipts> users = new ArrayList<>(finished);
        users.sort(Comparator.comparingLong(u -> u.userId));
        Summary s = new Summary(users.size(), notSubscribed.get());
        for (UserReceipts u : users) {
            long expected = 0;
            for (String event : events) {
                if (u.binding.matches(event)) {
                    expected += published.applyAsLong(u.account, event);
                }
            }
            boolean late = u.subscribedAtNanos - publishStartNanos > 0;
            s.add(u, expected, late);
        }
        return s;
    }

    /** Totals over the users, per binding and overall, plus one CSV line per user. */
    static final class Summary {
        final long users;
        final long notSubscribed;
        long late;
        long exact;
        long short_;
        long over;
        long expected;
        long received;
        long foreign;
        long dropped;
        long fullPolls;
        final Map<String, long[]> perBinding = new TreeMap<>(); // users, expected, received
        final StringBuilder csv = new StringBuilder("user,account,binding,expected,received,foreign,dropped,late\n");

        Summary(long users, long notSubscribed) {
            this.users = users;
            this.notSubscribed = notSubscribed;
        }

        void add(UserReceipts u, long expectedOfUser, boolean isLate) {
            csv.append(u.userId).append(',').append(u.accountId).append(',').append(u.binding.text()).append(',')
                    .append(expectedOfUser).append(',').append(u.received).append(',').append(u.foreign).append(',')
                    .append(u.droppedNotices).append(',').append(isLate).append('\n');
            if (isLate) {
                late++;
            }
            if (u.received == expectedOfUser && u.foreign == 0) {
                exact++;
            } else if (u.received < expectedOfUser) {
                short_++;
            } else {
                over++;
            }
            expected += expectedOfUser;
            received += u.received;
            foreign += u.foreign;
            dropped += u.droppedNotices;
            fullPolls += u.fullPolls;
            long[] b = perBinding.computeIfAbsent(u.binding.text(), k -> new long[3]);
            b[0]++;
            b[1] += expectedOfUser;
            b[2] += u.received;
        }

        /** True when every user subscribed, and got exactly what it should have. */
        boolean allExact() {
            return notSubscribed == 0 && exact == users && users > 0;
        }

        String text(long publishedTotal) {
            StringBuilder t = new StringBuilder();
            t.append("EVENTS users_finished=").append(users).append(" not_subscribed=").append(notSubscribed)
                    .append(" late_subscribers=").append(late).append('\n');
            t.append("EVENTS published=").append(publishedTotal).append(" expected_deliveries=").append(expected)
                    .append(" received=").append(received).append(" missing=").append(expected - received)
                    .append(" foreign=").append(foreign).append(" dropped_notices=").append(dropped)
                    .append(" full_buffer_polls=").append(fullPolls).append('\n');
            t.append("EVENTS users_exact=").append(exact).append(" users_short=").append(short_)
                    .append(" users_over=").append(over).append('\n');
            perBinding.forEach((binding, b) -> t.append("EVENTS binding=").append(binding).append(" users=").append(b[0])
                    .append(" expected=").append(b[1]).append(" received=").append(b[2]).append('\n'));
            t.append("EVENTS verdict=").append(allExact() ? "exact" : "MISMATCH").append('\n');
            return t.toString();
        }

        void write(Path summaryFile, long publishedTotal) throws IOException {
            Path dir = summaryFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(summaryFile, text(publishedTotal));
            String name = summaryFile.getFileName().toString().replaceFirst("\\.txt$", "");
            Files.writeString(dir.resolve(name + "-per-user.csv"), csv);
        }
    }
}
