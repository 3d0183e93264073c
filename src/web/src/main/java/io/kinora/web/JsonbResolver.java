package io.kinora.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every response: without a resolver RESTEasy builds a new one (and Yasson re-reads the
 * classes' annotations) for each body it writes, which was a third of the time of a library listing.
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
