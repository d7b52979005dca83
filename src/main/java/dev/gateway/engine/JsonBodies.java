package dev.gateway.engine;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Parses successful upstream bodies. Whatever the {@code Content-Type} declares, a body must be one JSON value; an empty
 * or blank body is null data.
 * <p>
 * Numbers are kept exactly as written in value (decimals as {@code BigDecimal}, large integers as {@code BigInteger}),
 * so that amounts are never rounded through a {@code double}. Nesting is limited to {@value #MAX_NESTING_DEPTH}
 * levels, well inside what Jackson writes back (1000 levels) once the body sits in the envelope.
 */
public final class JsonBodies {

    static final int MAX_NESTING_DEPTH = 500;

    private JsonBodies() {
    }

    /** Creates the reader every source parses bodies with. */
    public static ObjectReader reader(ObjectMapper mapper) {
        JsonFactory factory = mapper.getFactory().copy();
        factory.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        ObjectMapper strict = mapper.copyWith(factory);
        return strict.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(JsonNodeFactory.withExactBigDecimals(true));
    }

    /**
     * Parses {@code body}, or throws an {@code invalid_response} {@link SourceFailure} whose message tells where the
     * JSON broke without quoting the body.
     */
    public static JsonNode parse(ObjectReader reader, byte[] body, int status, String contentType) {
        if (isBlank(body)) {
            return null;
        }
        try {
            return reader.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new SourceFailure(ErrorKind.INVALID_RESPONSE, status, false,
                    "upstream body exceeds a JSON parsing limit: " + e.getOriginalMessage(), null, null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SourceFailure(ErrorKind.INVALID_RESPONSE, status, false,
                    "upstream body is not valid JSON" + where + " (Content-Type: " + contentType + ")", null, null);
        } catch (IOException | RuntimeException e) {
            // Jackson raises some number errors as runtime exceptions whose messages quote the body, so only the
            // exception type is reported.
            throw new SourceFailure(ErrorKind.INVALID_RESPONSE, status, false,
                    "upstream body could not be read as JSON: " + e.getClass().getSimpleName(), null, null);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
