package io.wormhole.perf.latency;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway as the churn probe sees it: client {@code i} authenticates with its first
 * request, a {@code subscribe} to its initial patterns (request id {@code init-i}), and is
 * ready on the success reply. After that every frame is a reply (no Event is published),
 * parsed as JSON and handed to {@link ChurnReplies}.
 */
final class ChurnTarget implements Target {
    private final int port;
    private final String token;
    private final IntFunction<List<String>> initial;
    private final ChurnReplies replies;

    ChurnTarget(int port, String token, IntFunction<List<String>> initial, ChurnReplies replies) {
        this.port = port;
        this.token = token;
        this.initial = initial;
        this.replies = replies;
    }

    @Override
    public String uri() {
        return "ws://" + ProbeOptions.HOST + ":" + port + "/";
    }

    @Override
    public List<String> greeting(int client) {
        String bindings = String.join("\",\"", initial.apply(client));
        return List.of("{\"action\":\"subscribe\",\"request_id\":\"init-" + client + "\",\"auth_token\":\"" + token
                + "\",\"data\":{\"bindings\":[\"" + bindings + "\"]}}");
    }

    @Override
    public Duration keepAliveEvery() {
        return null; // the gateway pings; the client answers with pongs by itself
    }

    @Override
    public String keepAlive() {
        return null;
    }

    @Override
    public void read(byte[] frame, int length, Inbound inbound) {
        long now = System.nanoTime();
        JsonNode msg = GatewayTarget.json(frame, length, inbound);
        if (msg == null || !msg.path("action").asText().equals("reply")) {
            return;
        }
        String requestId = msg.path("request_id").asText();
        boolean success = msg.path("status").asText().equals("success");
        if (requestId.startsWith("init-")) {
            if (success) {
                inbound.ready();
            } else {
                inbound.refused(msg.path("data").toString());
            }
            return;
        }
        replies.reply(requestId, success ? null : msg.path("data").path("code").asText("unknown"), now);
    }
}
