package io.wormhole.perf.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Wormhole gateway: {@code ws://127.0.0.1:PORT/}, one {@code subscribe} request per
 * client to {@code call.CHANNEL_CREATE.*} in the token's own Account (protocol §2);
 * client {@code i} presents token {@code i mod tokens}, so clients can be spread over
 * several Accounts (the idle-density probe uses 1,000, the latency probe one). An
 * event frame is recognised by its stamp alone, in the {@code kazoo} form or, when the
 * gateway runs with the {@code raw} form, as published; every other frame (replies,
 * notices) is rare and parsed as JSON.
 */
final class GatewayTarget implements Target {
    static final String BINDING = "call.CHANNEL_CREATE.*";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final List<String> tokens;

    GatewayTarget(int port, List<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the gateway target needs at least one token");
        }
        this.port = port;
        this.tokens = List.copyOf(tokens);
    }

    @Override
    public String uri() {
        return "ws://" + ProbeOptions.HOST + ":" + port + "/";
    }

    @Override
    public List<String> greeting(int client) {
        return List.of("{\"action\":\"subscribe\",\"request_id\":\"probe-" + client + "\",\"auth_token\":\""
                + tokens.get(client % tokens.size())
                + "\",\"data\":{\"binding\":\"" + BINDING + "\"}}");
    }

    @Override
    public Duration keepAliveEvery() {
        return null; // the gateway pings; Reactor Netty's client answers with pongs by itself
    }

    @Override
    public String keepAlive() {
        return null;
    }

    /** The frame as JSON; null, after refusing the client, when it is not JSON. */
    static JsonNode json(byte[] frame, int length, Inbound inbound) {
        try {
            return JSON.readTree(new String(frame, 0, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            inbound.refused("not JSON: " + new String(frame, 0, Math.min(length, 200), StandardCharsets.UTF_8));
            return null;
        }
    }

    @Override
    public void read(byte[] frame, int length, Inbound inbound) {
        long stamp = Stamp.KAZOO.find(frame, 0, length);
        if (stamp == Stamp.ABSENT) {
            stamp = Stamp.PUBLISHED.find(frame, 0, length);
        }
        if (stamp != Stamp.ABSENT) {
            inbound.event(stamp);
            return;
        }
        JsonNode msg = json(frame, length, inbound);
        if (msg == null) {
            return;
        }
        String action = msg.path("action").asText();
        if (action.equals("reply")) {
            if (msg.path("status").asText().equals("success")) {
                inbound.ready();
            } else {
                inbound.refused(msg.path("data").toString());
            }
        } else if (action.equals("notice") && msg.path("type").asText().equals("dropped")) {
            inbound.dropped(msg.path("data").path("count").asLong());
        }
    }
}
