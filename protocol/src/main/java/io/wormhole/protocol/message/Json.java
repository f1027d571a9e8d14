package io.wormhole.protocol.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of the codec, built once per process. Jackson's
 * factories and mappers are thread-safe once configured, so both are shared.
 */
final class Json {

    /**
     * Deepest nesting a request may have. Far beyond any real metadata, and small enough
     * that no input can exhaust the stack or build a large tree.
     */
    static final int MAX_DEPTH = 64;

    /**
     * Parses requests: depth capped; duplicate keys rejected, so that a request cannot
     * carry two different tokens or ids and mean whichever a reader happens to keep.
     * Writes characters outside the BMP (emoji in a socket name) as plain UTF-8 rather than
     * as a pair of surrogate escapes; a lone surrogate is still written as an escape.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /**
     * Builds request trees. Decimals are read as {@code BigDecimal} with their trailing
     * zeros kept, so metadata numbers come back out as the client wrote them (a
     * {@code double} would turn {@code 1e400} into infinity and {@code 1.10} into {@code 1.1}).
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }
}
