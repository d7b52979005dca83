package dev.gateway.engine;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Parses successful upstream bodies. Whatever the {@code Content-Type} says, a body must be one JSON value; an empty
 * or blank body is null data.
 */
public final class JsonBodies {

    private JsonBodies() {
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
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SourceFailure(ErrorKind.INVALID_RESPONSE, status, false,
                    "upstream body is not valid JSON" + where + " (Content-Type: " + contentType + ")", null, null);
        } catch (IOException e) {
            throw new SourceFailure(ErrorKind.INVALID_RESPONSE, status, false,
                    "upstream body could not be read: " + e.getClass().getSimpleName(), null, null);
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
