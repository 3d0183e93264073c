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
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON request bodies from anyone, bound to the records the resources take, with the JSON-B the server uses. A body
 * that does not bind must fail with JsonbException (400 malformed-json through ProblemMappers.Json), never with another
 * exception (which would be a 500). The first line is also read as a Content-Type header: the guard never throws.
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
