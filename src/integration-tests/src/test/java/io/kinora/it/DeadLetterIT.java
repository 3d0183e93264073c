package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Deployments;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatch message that keeps failing is redelivered with backoff, then moves to the dead-letter queue, and its
 * video is FAILED with a reason: never lost silently. (The test server allows 3 delivery attempts.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeadLetterIT {
    static final String DRILL = "kinora.ingest.inject-failures";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() { return Deployments.earWithDrills(); }

    @TempDir
    static Path dir;

    @AfterEach
    void drillOff() {
        Management.removeSystemProperty(DRILL);
    }

    @Test
    void poisonedDispatchEndsInTheDeadLetterQueueAndTheVideoFails() {
        long before = Management.queueDepth("kinora.DLQ");
        Management.setSystemProperty(DRILL, "always");
        Api api = Api.local();
        Videos videos = Videos.asAdmin(api);
        String id = videos.upload(Media.generateTone(dir.resolve("poison.mp4"), 160, 120, 1, 777), "visibility=PRIVATE")
                .getString("id");
        videos.awaitStatus(id, Duration.ofMinutes(2), "FAILED", "READY", "COMPLETED");
        JsonObject video = videos.get(id);
        assertEquals("FAILED", video.getString("status"), video.toString());
        assertEquals("dispatch-failed", video.getJsonObject("failure").getString("code"));
        assertTrue(video.getJsonObject("failure").getString("reason").contains("3 attempts"), video.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Management.queueDepth("kinora.DLQ") <= before && System.nanoTime() < deadline) Videos.sleep(200);
        assertEquals(before + 1, Management.queueDepth("kinora.DLQ"), "the message waits in the dead-letter queue");
    }

    @Test
    void aRedeliveredDispatchStartsNoSecondExecution() {
        Management.setSystemProperty(DRILL, "after-first-start");
        Api api = Api.local();
        String token = api.token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD);
        Videos videos = new Videos(api, token);
        String id = videos.upload(Media.generateTone(dir.resolve("twice.mp4"), 160, 120, 2, 778), "visibility=PRIVATE")
                .getString("id");
        videos.awaitStatus(id, Duration.ofMinutes(2), "COMPLETED", "FAILED");
        assertEquals("COMPLETED", videos.get(id).getString("status"), videos.get(id).toString());
        // the redelivery came (the first delivery threw after starting) and found the live execution
        Videos.sleep(1500);
        var executions = api.get("/api/v1/jobs?limit=100", Api.bearer(token)).jsonArray().getValuesAs(JsonObject.class)
                .stream().filter(e -> id.equals(e.getString("videoId", null))).toList();
        assertEquals(1, executions.size(), "one execution per video, whatever the dispatch did: " + executions);
    }
}
