package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.HalfUpload;
import io.kinora.it.support.Media;
import io.kinora.it.support.Pieces;
import io.kinora.it.support.StandaloneKinora;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WildFly killed with SIGKILL mid-encode: at the next start Kinora itself finds the execution the dead
 * server left STARTED, marks it CRASHED and restarts it; the new execution encodes only the pieces that
 * were not stored, and the video completes with output identical to an uninterrupted encode. Accounts and videos survive the crash and a clean restart
 * (H2 file database, persistent Artemis journal), and so does a half-done tus upload: HEAD reports exactly the
 * acknowledged bytes and the upload finishes from there.
 */
class CrashRecoveryIT {
    @TempDir
    static Path dir;

    @Test
    void killedServerResumesTheEncodeByItselfAndKeepsItsData() {
        Path src = Media.generate(dir.resolve("crash.mp4"), 1280, 720, "25", 16, 2, true);
        try (StandaloneKinora server = new StandaloneKinora("crash-server", 300)) {
            server.start();
            Api api = server.api();
            assertEquals(201, api.postJson("/api/v1/users", Api.credentials("keeper", "keeper-password")).status());
            Videos videos = Videos.asAdmin(api);
            String id = videos.upload(src, "visibility=PRIVATE").getString("id");
            long crashed = awaitProgress(videos, id, 15);
            long total = (long) Pieces.sourcePieces(server.objects(), id) * 5;
            HalfUpload tus = HalfUpload.start(api, api.token("keeper", "keeper-password"), dir.resolve("half.mp4"));

            server.kill();
            long storedAtCrash = Pieces.storedEncodedPieces(server.objects(), id);
            assertTrue(storedAtCrash > 0 && storedAtCrash < total, "killed mid-encode: " + storedAtCrash + " of " + total);
            long itemsMissing = Pieces.missingItems(server.objects(), id, EncodeRestartIT.LADDER);

            server.start(); // nobody clicks anything from here on
            videos = Videos.asAdmin(api);
            videos.awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "FAILED");
            JsonObject video = videos.get(id);
            assertEquals("COMPLETED", video.getString("status"), video.toString());
            long resumed = video.getJsonNumber("jobExecutionId").longValue();
            assertNotEquals(crashed, resumed, "a new execution finished the job");
            JsonObject old = videos.job(crashed);
            assertEquals("FAILED", old.getString("status"), old.toString());
            assertEquals("CRASHED", old.getString("exitStatus"));
            JsonObject job = videos.awaitJob(resumed, Duration.ofMinutes(3), "COMPLETED", "FAILED");
            assertEquals("COMPLETED", job.getString("status"), job.toString());
            assertEquals(total - storedAtCrash, Pieces.encodedCounter(api),
                    "after the crash only the missing pieces were encoded (the counter of the new process)");
            // the new job writes the items that had a piece missing, but for those that the crashed execution had already
            // queued: the restarted node's encoder may take such an item before recovery has ended its execution, and
            // the new job then finds it stored (the pieces count above shows nothing was encoded twice)
            long writes = EncodeRestartIT.encodeWrites(job);
            assertTrue(writes <= itemsMissing, writes + " writes, " + itemsMissing + " missing");
            long frames = Media.frames(src);
            for (JsonObject r : video.getJsonArray("renditions").getValuesAs(JsonObject.class)) {
                Path mp4 = videos.download(r.getJsonObject("links").getString("mp4"), dir.resolve(r.getString("name") + ".mp4"));
                assertEquals(frames, Media.frames(mp4), r.getString("name"));
            }
            assertNotNull(api.token("keeper", "keeper-password"), "the account survived the crash");
            // the same bytes encoded without a crash, by another account: the recovered output is identical
            Videos keeper = new Videos(api, api.token("keeper", "keeper-password"));
            String reference = keeper.upload(src, "visibility=PRIVATE").getString("id");
            keeper.awaitStatus(reference, Duration.ofMinutes(5), "COMPLETED", "FAILED");
            assertEquals(videos.renditionHashes(id, dir), keeper.renditionHashes(reference, dir),
                    "output after the crash is identical to an uninterrupted encode");
            tus.finishAfterRestart(api, api.token("keeper", "keeper-password"));

            server.stop();
            server.start();
            assertNotNull(api.token("keeper", "keeper-password"), "the account survived a clean restart");
            assertEquals("COMPLETED", Videos.asAdmin(api).get(id).getString("status"));
            server.stop();
        }
    }

    private static long awaitProgress(Videos videos, String id, int percent) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject v = videos.get(id);
            if (v.containsKey("jobExecutionId") && !v.isNull("jobExecutionId")
                    && v.getJsonObject("progress").getInt("percent") >= percent) {
                return v.getJsonNumber("jobExecutionId").longValue();
            }
            Videos.sleep(50);
        }
        throw new AssertionError("encode did not progress: " + videos.get(id));
    }
}
