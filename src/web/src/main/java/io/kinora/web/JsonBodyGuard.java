package io.kinora.web;

import io.kinora.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every JSON request body is read whole (it is small: {@link RequestGuardFilter} limits it) and walked token by token
 * before JSON-B binds it: a body that is not exactly one complete JSON value, or nests deeper than
 * {@value #MAX_DEPTH}, is 400 {@code malformed-json}.
 *
 * <p>Why: the JSON-P parser WildFly ships (Parsson 1.1.7) loops forever when JSON-B skips an unknown property whose
 * array or object is never closed ({@code {"x":[} pins a CPU core per request, anonymously, on any JSON endpoint;
 * eclipse-ee4j/parsson#23, found by JsonBodyFuzzTest). Walking with {@code next()} reports the early end correctly,
 * so Yasson only ever sees complete documents.
 */
@Provider
public class JsonBodyGuard implements ReaderInterceptor {
    static final int MAX_DEPTH = 64;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !isJson(type)) return context.proceed();
        long limit = ConfigProvider.getConfig().getOptionalValue("kinora.http.max-json-bytes", Long.class).orElse(1L << 20);
        byte[] body = readAtMost(context.getInputStream(), limit);
        if (body.length > 0) check(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    static boolean isJson(MediaType t) {
        return ("application".equalsIgnoreCase(t.getType()) && "json".equalsIgnoreCase(t.getSubtype()))
                || t.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json");
    }

    /** Throws 400 malformed-json unless {@code body} is one complete JSON value, at most {@value #MAX_DEPTH} deep. */
    public static void check(byte[] body) {
        int depth = 0;
        try (JsonParser p = Json.createParser(new ByteArrayInputStream(body))) {
            boolean seen = false;
            while (p.hasNext()) {
                JsonParser.Event e = p.next();
                if (depth == 0 && seen) throw malformed();
                switch (e) {
                    case START_ARRAY, START_OBJECT -> {
                        if (++depth > MAX_DEPTH) throw malformed();
                    }
                    case END_ARRAY, END_OBJECT -> depth--;
                    default -> { }
                }
                if (depth == 0) seen = true;
            }
            if (!seen || depth != 0) throw malformed();
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw malformed();
        }
    }

    private static ProblemException malformed() {
        return ProblemException.badRequest("malformed-json", "request body is not valid JSON for this endpoint");
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limit) throw new RequestGuardFilter.BodyTooLarge(limit);
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
