package dev.gateway.api;

/**
 * Example bodies shown in {@code /q/openapi} and the Swagger UI.
 */
final class OpenApiExamples {

    static final String COMPLETE = """
            {"data": {"accounts": [{"id": "u-1001-chk", "balance": 1377}], "transactions": [], \
            "budgets": {"month": "2026-12"}},
             "errors": [],
             "sources": {"accounts": {"outcome": "ok", "required": true, "status": 200, "attempts": 2, "elapsedMs": 203},
              "transactions": {"outcome": "ok", "required": true, "status": 200, "attempts": 1, "elapsedMs": 41},
              "budgets": {"outcome": "ok", "required": true, "status": 200, "attempts": 1, "elapsedMs": 38}}}
            """;

    static final String SOURCES_FAILED = """
            {"type": "/problems/sources-failed", "title": "Required sources failed", "status": 502,
             "detail": "Required sources of aggregate 'dashboard' failed: accounts",
             "requestId": "6f1c2a57-3f1e-4c8e-9a56-0b8f0e1d2c3b",
             "data": {"accounts": null, "transactions": [], "budgets": {"month": "2026-12"}},
             "errors": [{"source": "accounts", "kind": "upstream_status", "status": 503, "attempts": 4,
              "message": "upstream returned HTTP 503"}],
             "sources": {"accounts": {"outcome": "failed", "required": true, "status": 503, "kind": "upstream_status",
              "attempts": 4, "elapsedMs": 912}}}
            """;

    static final String INVALID_PARAMETER = """
            {"type": "/problems/invalid-parameter", "title": "Invalid request parameter", "status": 400,
             "detail": "query parameter 'userId' is required", "requestId": "6f1c2a57-3f1e-4c8e-9a56-0b8f0e1d2c3b",
             "parameter": "userId", "value": null}
            """;

    private OpenApiExamples() {
    }
}
