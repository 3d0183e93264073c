package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, point 12: what failures leave behind, fixed by the reconciler and shown to operators. Three leftovers
 * are made for real: a video whose job was stopped and abandoned (the listener never sees an abandon, so the video
 * stayed PROCESSING forever), a direct upload nobody completed, the work directory of a video that no longer
 * exists. One pass (the admin console's "Reconcile now") fixes all three and lists them. Before: the video stayed
 * PROCESSING and nothing answered at /api/v1/admin/reconciler.
 */
class ReconcilerIT extends AgainstTheServer {
    @TempDir
    static Path dir;

    private final Api api = Api.local();

    @Test
    void onePassFixesWhatFailuresLeftBehindAndTheConsoleListsIt() throws Exception {
        String admin = api.token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD);
        Videos videos = new Videos(api, admin);

        // a video whose job is stopped, then abandoned
        String id = videos.upload(Media.generate(dir.resolve("stuck.mp4"), 1280, 720, "25", 16, 2, true), "visibility=PRIVATE")
                .getString("id");
        long execution = awaitExecution(videos, id);
        assertEquals(200, api.send("POST", "/api/v1/jobs/" + execution + "/stop", null, null, Api.bearer(admin)).status());
        String stopped = videos.awaitJob(execution, Duration.ofMinutes(2), "STOPPED", "COMPLETED", "FAILED").getString("status");
        assertEquals("STOPPED", stopped, "stopped mid-encode");
        Api.Reply abandoned = api.send("POST", "/api/v1/jobs/" + execution + "/abandon", null, null, Api.bearer(admin));
        assertEquals(200, abandoned.status(), abandoned.toString());
        assertEquals("PROCESSING", videos.get(id).getString("status"), "what the reconciler is for");

        // a direct upload nobody completes
        String user = api.newUser("reconcile");
        Api.Reply started = api.postJson("/api/v1/direct-uploads", "{\"filename\":\"never.mp4\",\"size\":10000000}", Api.bearer(user));
        assertEquals(201, started.status(), started.toString());
        String upload = started.json().getString("id");

        // the work directory of a video that no longer exists
        Path work = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "work", UUID.randomUUID().toString());
        Files.createDirectories(work.resolve("pieces"));
        Files.writeString(work.resolve("pieces").resolve("000001.nut"), "left over");

        Management.setSystemProperty("kinora.reconciler.grace", "PT0S");
        Management.setSystemProperty("kinora.upload.direct-expiry", "PT0S");
        try {
            Videos.sleep(1100); // everything above is now older than the (zero) grace, at file-time resolution
            Api.Reply pass = api.send("POST", "/api/v1/admin/reconciler/run", null, null, Api.bearer(admin));
            assertEquals(200, pass.status(), pass.toString());
            List<JsonObject> actions = pass.jsonArray().getValuesAs(JsonObject.class);
            assertTrue(has(actions, "video-failed", id), actions.toString());
            assertTrue(has(actions, "direct-upload-aborted", upload), actions.toString());
            assertTrue(has(actions, "work-removed", work.getFileName().toString()), actions.toString());
        } finally {
            Management.removeSystemProperty("kinora.reconciler.grace");
            Management.removeSystemProperty("kinora.upload.direct-expiry");
        }
        JsonObject v = videos.get(id);
        assertEquals("FAILED", v.getString("status"), v.toString());
        assertEquals("encode-abandoned", v.getJsonObject("failure").getString("code"));
        assertEquals(404, api.get("/api/v1/direct-uploads/" + upload + "/parts", Api.bearer(user)).status(), "aborted");
        assertFalse(Files.exists(work), "leftover work removed");

        // the console's list: newest first, for admins only
        List<JsonObject> listed = api.get("/api/v1/admin/reconciler", Api.bearer(admin)).jsonArray().getValuesAs(JsonObject.class);
        assertTrue(has(listed, "video-failed", id) && has(listed, "work-removed", work.getFileName().toString()), listed.toString());
        assertEquals(403, api.get("/api/v1/admin/reconciler", Api.bearer(user)).status());
        // a second pass finds nothing of these left
        List<JsonObject> again = api.send("POST", "/api/v1/admin/reconciler/run", null, null, Api.bearer(admin)).jsonArray()
                .getValuesAs(JsonObject.class);
        assertFalse(has(again, "video-failed", id), again.toString());
    }

    static boolean has(List<JsonObject> actions, String kind, String subject) {
        return actions.stream().anyMatch(a -> kind.equals(a.getString("kind")) && subject.equals(a.getString("subject")));
    }

    static long awaitExecution(Videos videos, String id) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject v = videos.get(id);
            if (v.containsKey("jobExecutionId") && !v.isNull("jobExecutionId")
                    && v.getJsonObject("progress").getInt("percent") >= 5) {
                return v.getJsonNumber("jobExecutionId").longValue();
            }
            Videos.sleep(50);
        }
        throw new AssertionError("encode did not get going: " + videos.get(id));
    }
}
