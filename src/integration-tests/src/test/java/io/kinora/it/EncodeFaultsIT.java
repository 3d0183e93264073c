package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Deployments;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failing pieces: a transient encoder failure is retried (with backoff) and the job succeeds; a piece that
 * fails every time fails the job, the video is FAILED with a readable reason and no temporary file remains.
 * Failures are injected by the tests' fault drill (FaultDrills, deployed with the EAR only here), switched by a system property over the management API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EncodeFaultsIT {
    static final String SWITCH = "kinora.encode.inject-failures";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() { return Deployments.earWithDrills(); }

    static Videos videos;

    @TempDir
    static Path dir;

    @BeforeAll
    static void signIn() {
        videos = Videos.asAdmin(Api.local());
    }

    @AfterEach
    void drillOff() {
        Management.removeSystemProperty(SWITCH);
    }

    @Test
    void transientFailuresAreRetriedAndTheJobSucceeds() {
        Path src = Media.generate(dir.resolve("transient.mp4"), 320, 240, "25", 4, 2, true);
        Management.setSystemProperty(SWITCH, "2");
        String id = videos.upload(src, "visibility=PRIVATE").getString("id");
        videos.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");
        JsonObject video = videos.get(id);
        assertEquals("COMPLETED", video.getString("status"), video.toString());
        JsonObject job = videos.awaitJob(video.getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2),
                "COMPLETED", "FAILED");
        assertEquals("COMPLETED", job.getString("status"), job.toString());
        JsonObject encode = job.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals("encode")).findFirst().orElseThrow();
        assertTrue(encode.getJsonObject("metrics").getJsonNumber("ROLLBACK_COUNT").longValue() >= 2,
                "the two injected failures were rolled back and retried: " + encode);
    }

    @Test
    void aPieceThatKeepsFailingFailsTheVideoWithAReasonAndLeavesNoTemporaryFiles() {
        Path src = Media.generate(dir.resolve("permanent.mp4"), 320, 240, "25", 4, 2, true);
        Management.setSystemProperty(SWITCH, "always");
        String id = videos.upload(src, "visibility=PRIVATE").getString("id");
        videos.awaitStatus(id, Duration.ofMinutes(3), "FAILED", "COMPLETED");
        JsonObject video = videos.get(id);
        assertEquals("FAILED", video.getString("status"), video.toString());
        JsonObject failure = video.getJsonObject("failure");
        assertEquals("encode-failed", failure.getString("code"));
        assertTrue(failure.getString("reason").contains("injected encoder failure")
                && failure.getString("reason").contains("piece"), "a reason a person can read: " + failure);
        videos.awaitJob(video.getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(1), "FAILED");
        assertFalse(Files.exists(Videos.storedVideoDir(id).resolve("work")), "no temporary pieces in the store");
        Path localWork = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "work", id);
        assertFalse(Files.exists(localWork), "no local scratch files: " + localWork);
    }
}
