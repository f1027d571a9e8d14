package io.wormhole.protocol.catalog;

/**
 * Kazoo's names of an account's databases, as they appear in a routing key: the account
 * database {@code account%2Fxx%2Fyy%2F<rest of the 32-hex id>} and its monthly databases
 * {@code <that>-YYYYMM}; the separator may also be {@code %2f} or {@code /}. Stateless;
 * safe from any thread; allocates only the id it returns.
 */
final class AccountDatabase {
    private static final String PREFIX = "account";

    private AccountDatabase() {
    }

    /** The 32-hex account id of an account or monthly database name, else null. */
    static String accountOf(String db) {
        if (!db.startsWith(PREFIX)) {
            return null;
        }
        StringBuilder id = new StringBuilder(32);
        int at = PREFIX.length();
        for (int part : new int[] {2, 2, 28}) {
            at = separator(db, at);
            if (at < 0 || !hex(db, at, part)) {
                return null;
            }
            id.append(db, at, at + part);
            at += part;
        }
        if (at == db.length()) {
            return id.toString();
        }
        boolean month = db.length() == at + 7 && db.charAt(at) == '-' && digits(db, at + 1, 6);
        return month ? id.toString() : null;
    }

    /** The index after the separator at {@code at}, or -1 when there is none there. */
    private static int separator(String db, int at) {
        if (db.startsWith("/", at)) {
            return at + 1;
        }
        if (db.startsWith("%2F", at) || db.startsWith("%2f", at)) {
            return at + 3;
        }
        return -1;
    }

    private static boolean hex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
