package dev.gateway.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gateway.engine.AggregateRequest;

/**
 * An upstream URL with {@code {name}} placeholders filled from the incoming request's query parameters.
 * <p>
 * Placeholders may stand in the path and the query only, so scheme, host and port always come from configuration.
 * Every value is percent-encoded, leaving only RFC 3986 unreserved characters, so a value can never add a path
 * segment, a query parameter or a fragment. A path value of {@code .} or {@code ..} is rejected.
 */
public final class UrlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A literal piece of the URL, or a placeholder and whether it sits in the path. */
    private record Part(String literal, String parameter, boolean inPath) {
    }

    private final String template;
    private final List<Part> parts;
    private final URI origin;

    private UrlTemplate(String template, List<Part> parts, URI origin) {
        this.template = template;
        this.parts = parts;
        this.origin = origin;
    }

    /**
     * Parses {@code template}, adding a message to {@code problems} for each thing wrong with it; returns null when
     * anything was.
     */
    public static UrlTemplate parse(String template, List<String> problems) {
        int before = problems.size();
        int queryStart = template.indexOf('?');
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        int last = 0;
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!VALID_NAME.matcher(name).matches()) {
                problems.add("placeholder '{" + name + "}' has an invalid name; use letters, digits, '_', '.' or '-',"
                        + " starting with a letter or '_'");
            }
            parts.add(new Part(template.substring(last, matcher.start()), null, false));
            parts.add(new Part(null, name, queryStart < 0 || matcher.start() < queryStart));
            last = matcher.end();
        }
        parts.add(new Part(template.substring(last), null, false));

        if (placeholderInAuthority(template)) {
            problems.add("'" + template + "' has a placeholder in its scheme, host or port; placeholders may only"
                    + " stand in the path or the query");
            return null;
        }
        String probe = PLACEHOLDER.matcher(template).replaceAll("p");
        URI uri = null;
        try {
            uri = new URI(probe);
        } catch (URISyntaxException e) {
            problems.add("'" + template + "' is not a valid URL: " + e.getReason());
        }
        if (uri != null) {
            checkOrigin(template, uri, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new UrlTemplate(template, List.copyOf(parts), originOf(uri));
    }

    private static void checkOrigin(String template, URI uri, List<String> problems) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            problems.add("'" + template + "' must start with http:// or https://");
            return;
        }
        if (uri.getHost() == null) {
            problems.add("'" + template + "' has no host");
            return;
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            problems.add("'" + template + "' has port " + uri.getPort() + "; use a port from 1 to 65535");
        }
        if (uri.getRawFragment() != null) {
            problems.add("'" + template + "' must not have a fragment ('#...')");
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("'" + template + "' must not carry credentials; send them with 'headers'");
        }
    }

    private static boolean placeholderInAuthority(String template) {
        int schemeEnd = template.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int authorityEnd = template.length();
        for (char terminator : new char[] { '/', '?', '#' }) {
            int index = template.indexOf(terminator, authorityStart);
            if (index >= 0 && index < authorityEnd) {
                authorityEnd = index;
            }
        }
        return template.substring(0, authorityEnd).contains("{");
    }

    private static URI originOf(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + port);
    }

    /** Returns the scheme, host and port the template calls, such as {@code http://localhost:8080}. */
    public URI origin() {
        return origin;
    }

    /** Returns the placeholder names, in order of appearance, each once. */
    public Set<String> parameters() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part.parameter() != null) {
                names.add(part.parameter());
            }
        }
        return names;
    }

    /** Checks that the request has a usable value for every placeholder. */
    public void validate(AggregateRequest request) {
        for (Part part : parts) {
            if (part.parameter() != null) {
                valueOf(part, request);
            }
        }
    }

    public String expand(AggregateRequest request) {
        StringBuilder url = new StringBuilder(template.length() + 32);
        for (Part part : parts) {
            if (part.parameter() == null) {
                url.append(part.literal());
            } else {
                percentEncode(valueOf(part, request), url);
            }
        }
        return url.toString();
    }

    private static String valueOf(Part part, AggregateRequest request) {
        return part.inPath() ? request.pathParameter(part.parameter()) : request.queryParameter(part.parameter());
    }

    static void percentEncode(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
    }

    @Override
    public String toString() {
        return template;
    }
}
