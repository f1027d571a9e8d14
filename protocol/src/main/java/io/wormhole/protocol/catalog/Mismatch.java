package io.wormhole.protocol.catalog;

/**
 * Why a binding does not fit one shape: the 1-based segment position of the first
 * misfit (0 when the number of segments is wrong) and the error text. Among several
 * shapes of a family, the misfit found furthest right is the most telling one: that
 * shape was the closest to what the client meant.
 */
record Mismatch(int position, String text) {
    static final int SEGMENT_COUNT = 0;
}
