package io.wormhole.gateway.demo;

import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wormhole.gateway.auth.TokenSigner;

/**
 * Everything a node adds in demo mode ({@code GATEWAY_DEMO}): three made-up accounts, a
 * key pair made at start with a ready token per account ({@value #TOKEN_HOURS} h), and a
 * publisher of realistic Kazoo events for those accounts on the node's broker. The node
 * trusts {@link #publicKey()}, serves {@link #tokenDocument()} at {@code GET /demo/token}
 * for the browser console, prints {@link #banner} once ready, calls {@link #start} once
 * its broker side is up (the catalogue's exchanges exist then) and {@link #close} before
 * its own broker connection closes.
 *
 * <p>Created and started on the thread that composes the node; {@link #close} from any
 * thread. The tokens are secrets only in the sense that they open the demo accounts,
 * which exist on this node alone; they are printed on purpose.
 */
public final class DemoMode implements AutoCloseable {
    static final int TOKEN_HOURS = 24;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<DemoAccount> accounts;
    private final List<String> tokens = new ArrayList<>();
    private final RSAPublicKey publicKey;
    private final double rate;
    private final Set<String> exchanges;
    private final Random random;
    private volatile DemoPublisher publisher;

    private DemoMode(double rate, Set<String> exchanges) {
        this.random = new Random(new SecureRandom().nextLong());
        this.accounts = DemoAccount.three(random);
        TokenSigner signer = TokenSigner.generate();
        for (DemoAccount a : accounts) {
            tokens.add(signer.sign(a.id(), Duration.ofHours(TOKEN_HOURS)));
        }
        this.publicKey = signer.publicKey();
        this.rate = rate;
        this.exchanges = Set.copyOf(exchanges);
    }

    /**
     * Makes the accounts, the key pair and the tokens (about 100 ms of CPU).
     *
     * @param rate      events per second to publish, on average
     * @param exchanges the exchanges of the node's catalogue; families on others are not published
     * @throws IllegalArgumentException when the catalogue has none of Kazoo's exchanges
     */
    public static DemoMode prepare(double rate, Set<String> exchanges) {
        KazooScript.requireKazooExchange(exchanges);
        return new DemoMode(rate, exchanges);
    }

    /** The key that verifies the demo tokens. */
    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The first demo account's id: the one the printed token is for. */
    public String firstAccountId() {
        return accounts.get(0).id();
    }

    /** The first account's token. */
    public String token() {
        return tokens.get(0);
    }

    /**
     * {@code {"token": <first account's>, "accounts": [{"account_id", "name", "token"}, ...]}},
     * for the console to fill itself in.
     */
    public byte[] tokenDocument() {
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            Map<String, String> a = new LinkedHashMap<>();
            a.put("account_id", accounts.get(i).id());
            a.put("name", accounts.get(i).name());
            a.put("token", tokens.get(i));
            list.add(a);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token", token());
        doc.put("accounts", list);
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document of strings did not encode", e);
        }
    }

    /** The short block printed at start: where the console is, the token, the accounts. */
    public String banner(String consoleUrl) {
        StringBuilder b = new StringBuilder();
        b.append('\n').append("=== Wormhole demo mode ===").append('\n');
        b.append("Console:  ").append(consoleUrl).append('\n');
        b.append("Events:   about ").append(perSecond(rate)).append(" per second (GATEWAY_DEMO_RATE), half of them")
                .append(" for the first account").append('\n');
        b.append("Accounts:").append('\n');
        for (DemoAccount a : accounts) {
            b.append("  ").append(a.id()).append("  ").append(a.name()).append('\n');
        }
        b.append("Token for ").append(accounts.get(0).name()).append(" (valid ").append(TOKEN_HOURS)
                .append(" h):").append('\n');
        b.append(token()).append('\n');
        b.append("==========================").append('\n');
        return b.toString();
    }

    /** {@code 20} rather than {@code 20.0}; fractions as they are. */
    static String perSecond(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    /** Starts publishing on the broker at {@code amqpUri}; once only. */
    public synchronized void start(String amqpUri) {
        if (publisher != null) {
            return;
        }
        publisher = new DemoPublisher(amqpUri, rate, new KazooScript(accounts, random, rate, exchanges));
        publisher.start();
    }

    @Override
    public void close() {
        DemoPublisher p = publisher;
        if (p != null) {
            p.close();
        }
    }
}
