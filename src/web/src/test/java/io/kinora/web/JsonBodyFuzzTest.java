package io.kinora.web;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kinora.catalog.web.VideoResource;
import io.kinora.ingest.web.DirectUploadResource;
import io.kinora.ingest.web.ImportResource;
import io.kinora.problem.RequestContentType;
import io.kinora.security.web.AuthResource;
import io.kinora.security.web.UserResource;
import io.kinora.webhooks.web.WebhookResource;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON request bodies from anyone, through what the server does with them: {@link JsonBodyGuard} (complete, not too
 * deep) and then the records the resources take, bound with the JSON-B and JSON-P the server ships. A body that does
 * not bind must fail with a 400 (malformed-json from the guard, or JsonbException through ProblemMappers.Json), never
 * with another exception (a 500) or by hanging: the first real fuzzing pass found {"x":[ spinning forever in
 * Parsson's skipArray (the seed crash-447eb58...), which the guard now stops. The first line is also read as a
 * Content-Type header.
 */
class JsonBodyFuzzTest {
    static final Jsonb JSONB = new JsonbResolver().getContext(Object.class);
    static final List<Class<?>> BODIES = List.of(AuthResource.Credentials.class, UserResource.Registration.class,
            UserResource.PasswordChange.class, UserResource.Closing.class, UserResource.AccountChange.class,
            WebhookResource.Registration.class, ImportResource.ImportRequest.class, DirectUploadResource.Start.class,
            DirectUploadResource.Completion.class, VideoResource.Change.class);

    @FuzzTest(maxDuration = "6s")
    void bind(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);
        int nl = body.indexOf('\n');
        String header = nl < 0 ? body : body.substring(0, nl);
        RequestContentType.wellFormed(header);
        RequestContentType.parsedWhole(header);
        try {
            JsonBodyGuard.check(input);
        } catch (io.kinora.problem.ProblemException e) {
            assertEquals("malformed-json", e.code());
            return;
        }
        for (Class<?> type : BODIES) {
            try {
                JSONB.fromJson(body, type);
            } catch (JsonbException e) {
                // 400 malformed-json
            } catch (RuntimeException e) {
                boolean mapped = false;
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof JsonbException || t instanceof jakarta.json.JsonException) mapped = true;
                }
                assertTrue(mapped, type.getSimpleName() + " <- " + body + ": " + e);
            }
        }
    }
}
