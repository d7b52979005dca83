package dev.gateway.engine;

import java.util.List;
import java.util.function.Predicate;

/**
 * Sources of an aggregate declared in Java, typically over typed REST clients. A CDI bean implementing this interface
 * adds its sources to the aggregate it names; configuration still sets the aggregate's deadline and which sources are
 * required.
 */
public interface SourceProvider {

    String aggregate();

    /** Creates the sources; {@code required} returns, by source name, whether configuration makes a source required. */
    List<Source> sources(Predicate<String> required);
}
