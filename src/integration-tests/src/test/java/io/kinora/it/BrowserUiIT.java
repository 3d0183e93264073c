package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.NodeScript;
import io.kinora.it.support.TestMedia;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pages in a real browser (Debian chromium driven by playwright-core from src/test/node/ui-scenario.cjs):
 * upload through the page, live progress, playback and quality switch, search, a private video's share link
 * in a fresh context, and the admin console stopping and restarting an encode. Screenshots: target/screenshots.
 */
class BrowserUiIT extends AgainstTheServer {
    private final Api api = Api.local();

    @Test
    void uploadWatchShareAndAdministerThroughThePages() throws Exception {
        Path shortVideo = TestMedia.video(6);
        // long enough (720p, 16 s) that the admin stops it mid-encode
        Path longVideo = Media.generate(TestMedia.workDir().resolve("ui-long.mp4"), 1280, 720, "25", 16, 2, true);
        JsonObject r = NodeScript.run("ui-scenario.cjs", "playwright-core", Duration.ofMinutes(15),
                api.base(), AuthIT.ADMIN_PASSWORD, shortVideo.toString(), longVideo.toString(), NodeScript.screenshots().toString());

        assertEquals(List.of(), r.getJsonArray("pageErrors").getValuesAs(JsonString::getString), "no script errors in the pages");
        // issue 19, point 4: the pages work under the strict policy (before: no script policy at all)
        assertEquals(List.of(), r.getJsonArray("cspViolations").getValuesAs(JsonString::getString), "no CSP violation");
        List<String> policies = r.getJsonArray("documentPolicies").getValuesAs(JsonString::getString);
        assertFalse(policies.isEmpty());
        policies.forEach(p -> assertTrue(p.contains("script-src 'self';") && !p.contains("unsafe"), "every page's policy: " + p));
        List<String> seen = r.getJsonArray("statusesSeen").getValuesAs(JsonString::getString);
        assertTrue(seen.contains("READY") && seen.indexOf("READY") < seen.indexOf("COMPLETED"), "progress showed READY, then COMPLETED: " + seen);
        r.getJsonArray("renditionStates").forEach(x -> assertEquals("PUBLISHED", x.asJsonArray().getString(1), "rendition " + x));
        assertTrue(r.getBoolean("playing"));
        assertTrue(r.getBoolean("keyboard"), "k paused and resumed, 5 jumped to the middle");
        assertTrue(r.getInt("qualities") >= 2, "several qualities to choose from");
        assertEquals(1, r.getInt("publicHits"), "search found exactly the uploaded video");
        assertEquals(List.of(r.getString("videoId")), r.getJsonArray("ownerPage").getValuesAs(JsonString::getString),
                "the uploader's page lists their one public video");
        assertTrue(r.getBoolean("sharePlaying"), "the share link plays without signing in");
        assertTrue(r.getString("privateWithoutLink").length() > 0, "the private video is hidden without the link");
        assertTrue(r.getInt("partitions") >= 2, "the encode step shows its partitions");
        assertNotEquals(r.getString("firstJob"), r.getString("restartedJob"), "restart made a new execution");

        // what the pages showed is what the API says
        String admin = api.token("admin", AuthIT.ADMIN_PASSWORD);
        JsonObject shared = api.get("/api/v1/videos/" + r.getString("videoId"), Api.bearer(admin)).json();
        assertEquals("PRIVATE", shared.getString("visibility"));
        assertEquals(List.of("en"), r.getJsonArray("captions").getValuesAs(JsonString::getString), "the page lists what it added");
        assertEquals("[\"en\"]", api.get("/api/v1/videos/" + r.getString("videoId") + "/captions", Api.bearer(admin)).body(),
                "the subtitles the owner added through the page are stored");
        assertEquals("COMPLETED", shared.getString("status"));
        assertEquals("STOPPED", api.get("/api/v1/jobs/" + r.getString("firstJob"), Api.bearer(admin)).json().getString("status"));
        assertEquals("COMPLETED", api.get("/api/v1/jobs/" + r.getString("restartedJob"), Api.bearer(admin)).json().getString("status"));
        assertEquals("COMPLETED", api.get("/api/v1/videos/" + r.getString("longVideoId"), Api.bearer(admin)).json().getString("status"));
        for (String page : List.of("01-signin", "03-upload-completed", "04-watch-playing", "09-share-phone", "12-admin-completed")) {
            assertTrue(Files.size(NodeScript.screenshots().resolve(page + ".png")) > 1000, page);
        }
    }
}
