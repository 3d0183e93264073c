package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations: Prometheus metrics at /metrics, CDN-friendly cache headers with ?nocache=1, rate limits with 429 and
 * Retry-After. The test server exempts loopback from limits (so other tests are not throttled); these tests appear
 * as distinct clients through X-Forwarded-For, which the server trusts from loopback (the nginx edge's position).
 */
class OpsIT extends AgainstTheServer {
    @TempDir
    static Path dir;

    static final Api api = Api.local();
    static String token;
    static String publicId;

    @BeforeAll
    static void publicVideo() {
        token = api.newUser("ops");
        Videos v = new Videos(api, token);
        publicId = v.upload(Media.generate(dir.resolve("pub.mp4"), 320, 180, "25", 2, 1, true), "visibility=PUBLIC")
                .getString("id");
        v.awaitStatus(publicId, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        // the pictures come after COMPLETED, in the job's last steps
        v.awaitJob(v.get(publicId).getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2), "COMPLETED", "FAILED");
    }

    static String[] client() {
        return new String[] {"X-Forwarded-For", "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255) + ", 203.0.113."
                + ThreadLocalRandom.current().nextInt(1, 255)};
    }

    @Test
    void prometheusMetrics() {
        Api.Reply r = api.get("/metrics");
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.header("Content-Type").orElseThrow().startsWith("text/plain"), r.headers().toString());
        String m = r.body();
        assertFalse(m.contains("kinora_scrape_error"), m);
        assertTrue(value(m, "kinora_jobs\\{state=\"COMPLETED\"\\}") >= 1, m);
        assertTrue(value(m, "kinora_queue_depth\\{queue=\"ingest\"\\}") >= 0, m);
        assertTrue(value(m, "kinora_queue_depth\\{queue=\"dlq\"\\}") >= 0, m);
        assertTrue(value(m, "kinora_pieces_encoded_total") >= 1, m);
        assertTrue(value(m, "kinora_encode_seconds_per_video_second_count") >= 1, m);
        assertTrue(value(m, "kinora_encode_seconds_per_video_second_sum") > 0, m);
        assertTrue(value(m, "kinora_stored_bytes") > 0, m);
        assertEquals(0, value(m, "kinora_uploads_in_flight"), m);
        assertTrue(m.contains("# TYPE kinora_pieces_encoded_total counter"), m);
        assertTrue(value(m, "kinora_encode_slots") >= 1, m);
        assertTrue(value(m, "kinora_encoders_busy") >= 0, m);
    }

    @Test
    void workerUseShowsWhileAVideoEncodes() {
        Videos v = new Videos(api, token);
        String id = v.upload(Media.generate(dir.resolve("busy.mp4"), 640, 360, "25", 12, 2, true), "visibility=PRIVATE")
                .getString("id");
        double busy = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (busy < 1 && System.nanoTime() < deadline) {
            busy = value(api.get("/metrics").body(), "kinora_encoders_busy");
            Videos.sleep(50);
        }
        assertTrue(busy >= 1, "an encoder showed busy while the video encoded");
        v.awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        v.awaitJob(v.get(id).getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2), "COMPLETED", "FAILED");
    }

    static double value(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        if (!matcher.find()) throw new AssertionError(name + " missing: " + metrics);
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void cdnFriendlyCacheHeaders() {
        String base = "/api/v1/videos/" + publicId;
        Api.Reply mp4 = api.get(base + "/mp4/144p");
        assertEquals(200, mp4.status(), mp4.toString());
        assertEquals("public, max-age=31536000, immutable", mp4.header("Cache-Control").orElseThrow());
        assertTrue(mp4.header("ETag").isPresent());
        assertEquals("public, max-age=10", api.get(base + "/hls/master.m3u8").header("Cache-Control").orElseThrow());
        assertEquals("no-store", api.get(base + "/mp4/144p?nocache=1").header("Cache-Control").orElseThrow());
        assertEquals("no-store", api.get("/api/stream/" + publicId + "/144p?nocache=1").header("Cache-Control").orElseThrow());
        assertEquals(200, api.get(base + "/thumbs/poster.jpg").status());
    }

    @Test
    void authIsRateLimitedPerClient() {
        String[] me = client();
        Api.Reply r = null;
        int allowed = 0;
        for (int i = 0; i < 40; i++) {
            r = api.postJson("/api/v1/auth/token", Api.credentials("nobody-" + i, "wrong-password-123"), me);
            if (r.status() == 429) break;
            allowed++;
        }
        assertEquals(429, r.status(), "limited after " + allowed + ": " + r);
        // a burst of 20 (kinora.ratelimit.auth.per-minute), plus the tokens that trickled back during the loop
        assertTrue(allowed >= 20 && allowed <= 22, "allowed " + allowed);
        assertEquals("rate-limited", r.json().getString("code"));
        assertTrue(Long.parseLong(r.header("Retry-After").orElseThrow()) >= 1, r.headers().toString());
        // another client is not affected, nor is the same client's other category
        assertNotEquals(429, api.postJson("/api/v1/auth/token", Api.credentials("x", "wrong-password-123"), client()).status());
        String metrics = api.get("/metrics").body();
        assertTrue(value(metrics, "kinora_rate_limited_total\\{category=\"auth\"\\}") >= 1, metrics);
        assertTrue(value(metrics, "kinora_http_problems_total\\{status=\"429\",code=\"rate-limited\"\\}") >= 1, metrics);
    }

    @Test
    void uploadsAreRateLimitedPerUser() {
        String user = api.newUser("flood");
        String[] headers = {"Authorization", "Bearer " + user, client()[0], client()[1]};
        Api.Reply r = null;
        int allowed = 0;
        for (int i = 0; i < 40; i++) {
            r = api.sendBytes("POST", "/api/v1/videos?filename=x.mp4", ("not a video " + i).getBytes(), "video/mp4", headers);
            if (r.status() == 429) break;
            allowed++;
        }
        assertEquals(429, r.status(), r.toString());
        assertTrue(allowed >= 30 && allowed <= 33, "burst of 30 (kinora.ratelimit.upload.per-minute), allowed " + allowed);
        assertTrue(r.header("Retry-After").isPresent());
        // the budget is the user's: a different address does not reset it
        String[] other = {"Authorization", "Bearer " + user, "X-Forwarded-For", "192.0.2.77"};
        assertEquals(429, api.sendBytes("POST", "/api/upload", new byte[0], "multipart/form-data; boundary=x", other).status());
    }
}
