package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.NodeScript;
import io.kinora.it.support.TestMedia;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real tus-js-client (installed by the build with npm) uploads a generated video, is aborted after
 * its first chunk, and a new Upload resumes from the URL; the stored original must be byte-identical
 * and the video must become playable.
 */
class TusJsClientIT extends AgainstTheServer {
    private final Api api = Api.local();

    @Test
    void abortedUploadResumesAndTheVideoBecomesReady() throws Exception {
        String token = api.newUser("tusjs");
        Path video = TestMedia.ffmpeg("mp4", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine",
                "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest");
        byte[] bytes = Files.readAllBytes(video);
        assertTrue(bytes.length > 3 * 64 * 1024, "big enough for several chunks: " + bytes.length);

        JsonObject result = NodeScript.run("tus-resume.cjs", "tus-js-client", Duration.ofSeconds(120),
                api.base() + "/api/v1/uploads", token, video.toString());

        assertEquals(result.getString("firstUrl"), result.getString("url"), "the second Upload continued the first");
        long resumedAt = result.getJsonNumber("resumedAt").longValue();
        assertTrue(resumedAt > 0 && resumedAt < bytes.length, "resumed mid-file at " + resumedAt + " of " + bytes.length);
        String videoId = result.getString("videoId");

        JsonObject v = api.get("/api/v1/videos/" + videoId, Api.bearer(token)).json();
        assertEquals(TestMedia.sha256(bytes), v.getJsonObject("source").getString("sha256"));
        assertEquals(bytes.length, v.getJsonObject("source").getJsonNumber("size").longValue());
        assertEquals("tus-js-client resume", v.getString("title"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String status = v.getString("status");
        while (!Set.of("READY", "COMPLETED", "FAILED").contains(status) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            status = api.get("/api/v1/videos/" + videoId, Api.bearer(token)).json().getString("status");
        }
        assertTrue(Set.of("READY", "COMPLETED").contains(status), "video status " + status);
    }
}
