package io.wormhole.perf.gatling;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gatling.http.action.ws.WsInboundMessage;

/**
 * What one virtual user received while it held its socket, counted from the frames
 * Gatling hands to {@code ws.processUnmatchedMessages} (every frame no check waited for).
 * An Event counts as {@link #received} when its account and name are the ones the user
 * subscribed to, else as {@link #foreign}; {@code dropped} notices add up their counts.
 *
 * <p>Lives in the user's Gatling session and is only touched by that user's actions,
 * which Gatling runs one at a time, so it needs no locking.
 */
final class UserReceipts {
    private static final ObjectMapper JSON = new ObjectMapper();

    final long userId;
    final int account;
    final String accountId;
    final CallBinding binding;
    long subscribedAtNanos;
    long received;
    long foreign;
    long droppedNotices;
    long otherFrames;
    long fullPolls;

    UserReceipts(long userId, int account, String accountId, CallBinding binding) {
        this.userId = userId;
        this.account = account;
        this.accountId = accountId;
        this.binding = binding;
    }

    /**
     * Counts one batch of unmatched frames. A batch as large as Gatling's buffer
     * ({@code bufferSize}) may have lost its oldest frames: such polls are counted.
     */
    void count(List<WsInboundMessage> frames, int bufferSize) {
        if (frames.size() >= bufferSize) {
            fullPolls++;
        }
        for (WsInboundMessage frame : frames) {
            if (frame instanceof WsInboundMessage.Text text) {
                count(text.message());
            } else {
                otherFrames++;
            }
        }
    }

    void count(String frame) {
        JsonNode node;
        try {
            node = JSON.readTree(frame);
        } catch (java.io.IOException e) {
            otherFrames++;
            return;
        }
        String action = node.path("action").asText();
        if ("event".equals(action)) {
            boolean mine = accountId.equals(node.path("data").path("custom_channel_vars").path("account_id").asText())
                    && binding.matches(node.path("name").asText());
            if (mine) {
                received++;
            } else {
                foreign++;
            }
        } else if ("notice".equals(action) && "dropped".equals(node.path("type").asText())) {
            droppedNotices += node.path("data").path("count").asLong();
        } else {
            otherFrames++;
        }
    }
}
