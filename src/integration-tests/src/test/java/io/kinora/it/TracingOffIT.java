package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry off (no {@code kinora.otel.endpoint}): even an upload that arrives with a {@code traceparent} starts no
 * trace of Kinora's. The disabled SDK still hands out real span ids, so this fails if Kinora trusted them: the video
 * would show a trace and the piece encodes' log lines would carry ids.
 */
class TracingOffIT extends AgainstTheServer {
    @TempDir
    static Path dir;

    @Test
    void noTraceIsKeptWhenTelemetryIsOff() throws IOException {
        Api api = Api.local();
        String token = api.token(Api.ADMIN, Api.ADMIN_PASSWORD);
        Path src = Media.generate(dir.resolve("untraced.mp4"), 320, 180, "25", 5, 2, true);
        Api.Reply created = api.sendBytes("POST", "/api/v1/videos?visibility=UNLISTED", Files.readAllBytes(src),
                "video/mp4", "Authorization", "Bearer " + token,
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertTrue(created.status() == 201 || created.status() == 200, created.toString());
        String id = created.json().getString("id");
        JsonObject video = new Videos(api, token).awaitCompleted(id);
        assertFalse(video.containsKey("trace") && !video.isNull("trace"), "no trace: " + video);

        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.json");
        List<String> encoded = Files.readAllLines(log).stream().filter(l -> l.contains("Encoded piece") && l.contains(id)).toList();
        assertFalse(encoded.isEmpty(), "the piece encodes are logged in " + log);
        encoded.forEach(l -> assertFalse(l.contains("trace_id"), "no trace ids: " + l));
        // nor exemplars: the upload request's own (real, unexported) span must not become one
        String metrics = api.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0").body();
        assertFalse(metrics.contains("0af7651916cd43dd8448eb211c80319c"), "no exemplar of an unexported trace: " + metrics);
    }
}
