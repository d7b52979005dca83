package dev.gateway.api;

import java.util.UUID;

/**
 * Request ids: an incoming {@code X-Request-Id} is kept when it is 1 to 128 printable ASCII characters, and replaced by
 * a random UUID otherwise.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    public static String keepOrGenerate(String incoming) {
        return isValid(incoming) ? incoming : UUID.randomUUID().toString();
    }

    static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        return id.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }
}
