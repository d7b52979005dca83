package dev.gateway.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The successful response of an upstream: its HTTP status and its body as JSON, or null for an empty body.
 */
public record SourceData(int status, JsonNode body) {
}
