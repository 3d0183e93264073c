package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.Pieces;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job stopped mid-encode and restarted finishes with output identical to an uninterrupted run and
 * encodes none of the pieces it had already stored: Kinora's pieces-encoded counter grows by exactly the missing
 * pieces, and the restarted execution's write counter by exactly the work items that had one missing.
 */
class EncodeRestartIT extends AgainstTheServer {
    @TempDir
    static Path dir;

    static Path objects() {
        return Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "objects");
    }

    /** The ladder of a 720p source, lowest first. */
    static final java.util.List<String> LADDER = java.util.List.of("144p", "240p", "360p", "480p", "720p");

    @Test
    void stoppedJobRestartsWhereItStoppedWithIdenticalOutput() {
        Api api = Api.local();
        Videos admin = Videos.asAdmin(api);
        Path src = Media.generate(dir.resolve("restart.mp4"), 1280, 720, "25", 16, 2, true);

        String id = admin.upload(src, "visibility=PRIVATE").getString("id");
        long first = awaitEncoding(admin, id);
        long total = (long) Pieces.sourcePieces(objects(), id) * 5; // 144p..720p
        assertEquals("STOPPED", stopAndWait(admin, first), "the job stopped");
        long storedAtStop = Pieces.storedEncodedPieces(objects(), id);
        assertTrue(storedAtStop > 0 && storedAtStop < total, "stopped mid-encode: " + storedAtStop + " of " + total);
        long itemsMissing = Pieces.missingItems(objects(), id, LADDER);
        long encodedBefore = Pieces.encodedCounter(api);

        Api.Reply restarted = api.send("POST", "/api/v1/jobs/" + first + "/restart", null, null,
                Api.bearer(api.token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD)));
        assertEquals(200, restarted.status(), restarted.body());
        long second = restarted.json().getJsonNumber("id").longValue();
        JsonObject job = admin.awaitJob(second, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        assertEquals("COMPLETED", job.getString("status"), job.toString());
        assertEquals("COMPLETED", admin.get(id).getString("status"));
        assertEquals(total - storedAtStop, Pieces.encodedCounter(api) - encodedBefore,
                "the restarted execution encoded exactly the pieces that were missing");
        assertEquals(itemsMissing, encodeWrites(job), "and wrote exactly the work items that had a piece missing");

        // the same bytes from another account: an uninterrupted encode to compare against
        String user = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.postJson("/api/v1/users", Api.credentials(user, "restart-password")).status());
        Videos other = new Videos(api, api.token(user, "restart-password"));
        String reference = other.upload(src, "visibility=PRIVATE").getString("id");
        other.awaitJob(awaitEncoding(other, reference), Duration.ofMinutes(5), "COMPLETED");
        assertEquals(admin.renditionHashes(id, dir), other.renditionHashes(reference, dir),
                "identical renditions after stop + restart");
    }

    private long awaitEncoding(Videos videos, String id) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject v = videos.get(id);
            if (v.containsKey("jobExecutionId") && !v.isNull("jobExecutionId")
                    && v.getJsonObject("progress").getInt("percent") >= 15) {
                return v.getJsonNumber("jobExecutionId").longValue();
            }
            Videos.sleep(50);
        }
        throw new AssertionError("encode did not get going: " + videos.get(id));
    }

    private String stopAndWait(Videos videos, long execution) {
        Api api = Api.local();
        Api.Reply r = api.send("POST", "/api/v1/jobs/" + execution + "/stop", null, null,
                Api.bearer(api.token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD)));
        assertEquals(200, r.status(), r.body());
        return videos.awaitJob(execution, Duration.ofMinutes(2), "STOPPED", "COMPLETED", "FAILED").getString("status");
    }

    static long encodeWrites(JsonObject job) {
        return job.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals("encode")).findFirst().orElseThrow()
                .getJsonObject("metrics").getJsonNumber("WRITE_COUNT").longValue();
    }
}
