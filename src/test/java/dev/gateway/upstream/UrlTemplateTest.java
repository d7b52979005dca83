package dev.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gateway.engine.AggregateRequest;
import dev.gateway.engine.InvalidParameterException;

class UrlTemplateTest {

    private static final String ITEMS_TEMPLATE = "http://upstream:8080/items/{id}?q={q}";

    private static AggregateRequest request(Map<String, String> parameters) {
        return new AggregateRequest(parameters, Map.of(), "req-1");
    }

    private static UrlTemplate parseValid(String template) {
        List<String> problems = new ArrayList<>();
        UrlTemplate parsed = UrlTemplate.parse(template, problems);
        assertThat(problems).as("problems of %s", template).isEmpty();
        assertThat(parsed).as("template %s", template).isNotNull();
        return parsed;
    }

    private static List<String> problemsOf(String template) {
        List<String> problems = new ArrayList<>();
        UrlTemplate parsed = UrlTemplate.parse(template, problems);
        assertThat(parsed).as("template %s", template).isNull();
        return problems;
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:8080/users/{userId}/accounts",
            "https://api.example.com/v1/items?id={id}&limit={page.size}",
            "http://upstream/{_a}/{b-2}/{c.d}", "http://upstream", "http://upstream/fixed?x=1" })
    void parseAcceptsValidTemplate(String template) {
        UrlTemplate parsed = parseValid(template);

        assertThat(parsed.toString()).isEqualTo(template);
    }

    @Test
    void parseKeepsExistingProblems() {
        List<String> problems = new ArrayList<>(List.of("earlier problem"));

        UrlTemplate parsed = UrlTemplate.parse("http://upstream/{id}", problems);

        assertThat(parsed).isNotNull();
        assertThat(problems).containsExactly("earlier problem");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1x", "", "a b", "a/b", "-a" })
    void parseRejectsInvalidPlaceholderName(String name) {
        List<String> problems = problemsOf("http://upstream/items/{" + name + "}");

        assertThat(problems).containsExactly("placeholder '{" + name + "}' has an invalid name; use letters, digits,"
                + " '_', '.' or '-', starting with a letter or '_'");
    }

    @Test
    void parseRejectsPlaceholderInHost() {
        List<String> problems = problemsOf("http://{host}/x");

        assertThat(problems).containsExactly("'http://{host}/x' has a placeholder in its scheme, host or port;"
                + " placeholders may only stand in the path or the query");
    }

    @Test
    void parseRejectsPlaceholderInPort() {
        List<String> problems = problemsOf("http://h:{port}/x");

        assertThat(problems).containsExactly("'http://h:{port}/x' has a placeholder in its scheme, host or port;"
                + " placeholders may only stand in the path or the query");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://upstream/x", "file:///etc/passwd", "upstream/x", "mailto:ops@example.com" })
    void parseRejectsNonHttpScheme(String template) {
        List<String> problems = problemsOf(template);

        assertThat(problems).containsExactly("'" + template + "' must start with http:// or https://");
    }

    @Test
    void parseRejectsFragment() {
        List<String> problems = problemsOf("http://upstream/x?q={q}#top");

        assertThat(problems).containsExactly("'http://upstream/x?q={q}#top' must not have a fragment ('#...')");
    }

    @Test
    void parseRejectsUserInfo() {
        List<String> problems = problemsOf("http://user:secret@upstream/x");

        assertThat(problems).containsExactly(
                "'http://user:secret@upstream/x' must not carry credentials; send them with 'headers'");
    }

    @Test
    void parseRejectsMissingHost() {
        List<String> problems = problemsOf("http:///x");

        assertThat(problems).containsExactly("'http:///x' has no host");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://upstream/{id", "http://upstream/a b" })
    void parseRejectsMalformedUrl(String template) {
        List<String> problems = problemsOf(template);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("'" + template + "' is not a valid URL: ");
    }

    @ParameterizedTest
    @CsvSource({ "http://upstream/x, http://upstream:80", "https://upstream/x, https://upstream:443",
            "http://upstream:8080/{id}, http://upstream:8080", "https://upstream:8443, https://upstream:8443" })
    void originUsesDefaultPorts(String template, String expected) {
        UrlTemplate parsed = parseValid(template);

        assertThat(parsed.origin()).isEqualTo(URI.create(expected));
    }

    @Test
    void parametersKeepFirstAppearanceOrder() {
        UrlTemplate parsed = parseValid("http://upstream/{b}/{a}/{b}?c={c}&again={a}");

        assertThat(parsed.parameters()).containsExactly("b", "a", "c");
    }

    @Test
    void parametersEmptyWithoutPlaceholders() {
        assertThat(parseValid("http://upstream/fixed").parameters()).isEmpty();
    }

    @Test
    void expandFillsPathAndQuery() {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);

        String url = parsed.expand(request(Map.of("id", "i-1", "q", "shoes")));

        assertThat(url).isEqualTo("http://upstream:8080/items/i-1?q=shoes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'a b'|a%20b",
            "a/b|a%2Fb",
            "100%|100%25",
            "a?b|a%3Fb",
            "a#b|a%23b",
            "a&b=c|a%26b%3Dc",
            "a+b|a%2Bb",
            "é|%C3%A9",
            "日本|%E6%97%A5%E6%9C%AC",
            "AZaz09-._~|AZaz09-._~" })
    void expandPercentEncodesValues(String value, String encoded) {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);

        String url = parsed.expand(request(Map.of("id", value, "q", value)));

        assertThat(url).isEqualTo("http://upstream:8080/items/" + encoded + "?q=" + encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = { ".", ".." })
    void expandRejectsDotSegmentInPath(String value) {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);
        AggregateRequest request = request(Map.of("id", value, "q", "x"));

        assertThatThrownBy(() -> parsed.expand(request))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("id");
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.getMessage()).contains("'" + value + "'");
                });
    }

    @Test
    void expandKeepsDotsInQuery() {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);

        String url = parsed.expand(request(Map.of("id", "i-1", "q", "..")));

        assertThat(url).isEqualTo("http://upstream:8080/items/i-1?q=..");
    }

    @Test
    void expandAllowsThreeDotPathValue() {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);

        String url = parsed.expand(request(Map.of("id", "...", "q", "x")));

        assertThat(url).isEqualTo("http://upstream:8080/items/...?q=x");
    }

    @Test
    void expandRejectsMissingParameter() {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);
        AggregateRequest request = request(Map.of("id", "i-1"));

        assertThatThrownBy(() -> parsed.expand(request))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("q");
                    assertThat(e.value()).isNull();
                    assertThat(e.getMessage()).isEqualTo("query parameter 'q' is required");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\t" })
    void expandRejectsBlankParameter(String value) {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);
        AggregateRequest request = request(Map.of("id", value, "q", "x"));

        assertThatThrownBy(() -> parsed.expand(request))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("id");
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.getMessage()).isEqualTo("query parameter 'id' must not be blank");
                });
    }

    @Test
    void validateRejectsMissingParameter() {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);
        AggregateRequest request = request(Map.of("q", "x"));

        assertThatThrownBy(() -> parsed.validate(request))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("id"));
    }

    @Test
    void validateAcceptsCompleteRequest() {
        UrlTemplate parsed = parseValid(ITEMS_TEMPLATE);
        AggregateRequest request = request(Map.of("id", "i-1", "q", ".."));

        assertThatCode(() -> parsed.validate(request)).doesNotThrowAnyException();
    }
}
