package dev.gateway.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of {@code /q/metrics}, read as a map from series (name and sorted labels) to value.
 */
public final class PrometheusScrape {

    private final String text;
    private final Map<String, Double> samples = new TreeMap<>();

    private PrometheusScrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
            int split = sample.lastIndexOf(' ');
            samples.put(sample.substring(0, split), Double.parseDouble(sample.substring(split + 1)));
        }
    }

    public static PrometheusScrape take() {
        return new PrometheusScrape(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    public String text() {
        return text;
    }

    /**
     * Returns the value of the series {@code name{labels}}, or 0 when it does not exist yet. {@code labels} is written
     * as Prometheus prints it, with labels in alphabetical order: {@code aggregate="a",source="b"}.
     */
    public double value(String name, String labels) {
        return samples.getOrDefault(name + "{" + labels + "}", 0.0);
    }
}
