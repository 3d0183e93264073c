package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Cluster;
import io.kinora.it.support.Media;
import io.kinora.it.support.SseClient;
import io.kinora.it.support.StandaloneKinora;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Kinora nodes on one machine, as a cluster runs: one PostgreSQL (application data and the batch job repository),
 * one Artemis broker (the ingest and encode work queues, the progress topic), one S3 server. The encode job of one
 * upload runs on one node and its pieces are encoded on both; a browser connected to the other node sees its progress;
 * a node killed mid-encode, worker or coordinator, loses nothing and nobody has to click.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    static final int OFFSET_A = 600;
    static final int OFFSET_B = 650;

    @TempDir
    static Path dir;

    static Cluster cluster;
    static StandaloneKinora a;
    static StandaloneKinora b;
    static Path source;
    static String twoNodeVideo;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = new Cluster(dir, OFFSET_A, OFFSET_B);
        cluster.start();
        a = cluster.a;
        b = cluster.b;
        // 12 s of 720p with keyframes every second: 3 pieces x 5 renditions, enough to spread over two encoders
        source = Media.generate(dir.resolve("cluster.mp4"), 1280, 720, "25", 12, 1, true);
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void piecesAreEncodedOnBothNodesAndTheOtherNodeSeesTheProgress() throws Exception {
        Videos viaA = Videos.asAdmin(a.api());
        String tokenB = b.api().token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD);
        try (SseClient sseOnB = new SseClient(b.api().base() + "/api/v1/events", null, Api.bearer(tokenB))) {
            assertEquals(200, sseOnB.status);
            twoNodeVideo = viaA.upload(source, "visibility=PRIVATE").getString("id");
            viaA.awaitStatus(twoNodeVideo, Duration.ofMinutes(5), "COMPLETED", "FAILED");
            JsonObject video = viaA.get(twoNodeVideo);
            assertEquals("COMPLETED", video.getString("status"), video.toString());
            JsonObject job = viaA.awaitJob(video.getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2),
                    "COMPLETED", "FAILED");
            JsonObject by = job.getJsonObject("encodedBy");
            assertTrue(by.getInt("node-a", 0) > 0 && by.getInt("node-b", 0) > 0, "pieces encoded on both nodes: " + by);
            assertEquals(3 * 5 + 1, by.getInt("node-a", 0) + by.getInt("node-b", 0), "every piece once, and the audio");
            String id = twoNodeVideo;
            assertTrue(sseOnB.await(events -> events.stream().anyMatch(e -> e.name().equals("progress")
                    && e.data().contains(id) && e.data().contains("\"percent\":100")), Duration.ofSeconds(20)),
                    "node B streams the progress of a job node A coordinates: " + sseOnB.events);
            assertTrue(sseOnB.await(events -> events.stream().anyMatch(e -> e.name().equals("status")
                    && e.data().contains(id) && e.data().contains("COMPLETED")), Duration.ofSeconds(20)),
                    "and its status changes");
        }
        // both nodes report themselves: answering, with their encoders
        var nodes = a.api().get("/api/v1/nodes", Api.bearer(a.api().token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD))).jsonArray()
                .getValuesAs(JsonObject.class);
        assertEquals(java.util.List.of("node-a", "node-b"), nodes.stream().map(n -> n.getString("name")).toList());
        assertTrue(nodes.stream().allMatch(n -> n.getBoolean("answering") && n.getInt("slots") == 1), nodes.toString());
        // an access change on A reaches B's cached rule at once (the cache itself would keep it 10 minutes)
        String master = "/api/v1/videos/" + twoNodeVideo + "/hls/master.m3u8";
        assertNotEquals(200, b.api().get(master).status(), "private: not for anonymous viewers on B");
        assertEquals(200, a.api().send("PATCH", "/api/v1/videos/" + twoNodeVideo, "{\"visibility\":\"PUBLIC\"}",
                "application/json", Api.bearer(a.api().token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD))).status());
        assertTrue(eventually(() -> b.api().get(master).status() == 200), "made public on A, B serves it");
        assertEquals(200, a.api().send("PATCH", "/api/v1/videos/" + twoNodeVideo, "{\"visibility\":\"PRIVATE\"}",
                "application/json", Api.bearer(a.api().token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD))).status());
        assertTrue(eventually(() -> b.api().get(master).status() != 200), "made private on A, B stops serving it");
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Videos.sleep(100);
        }
        return false;
    }

    @Test
    @Order(2)
    void aWorkerKilledMidEncodeLosesNothing() {
        Videos viaA = Videos.asAdmin(a.api());
        String id = viaA.upload(Media.generate(dir.resolve("worker-kill.mp4"), 1280, 720, "25", 13, 1, true),
                "visibility=PRIVATE").getString("id");
        awaitPiecesOn(viaA, id, "node-b");
        b.kill();
        String admin = a.api().token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD);
        assertTrue(nodeStoppedAnswering(admin), "A's node list shows that B stopped answering");
        viaA.awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        assertEquals("COMPLETED", viaA.get(id).getString("status"), viaA.get(id).toString());
        everyRenditionHasEveryFrame(viaA, id, dir.resolve("worker-kill.mp4"));
        b.start();
    }

    @Test
    @Order(3)
    void aCoordinatorKilledMidEncodeIsTakenOverByTheOtherNode() {
        Videos viaA = Videos.asAdmin(a.api());
        String id = viaA.upload(Media.generate(dir.resolve("coordinator-kill.mp4"), 1280, 720, "25", 14, 1, true),
                "visibility=PRIVATE").getString("id");
        long first = awaitPiecesOn(viaA, id, "node-a");
        a.kill();
        Videos viaB = Videos.asAdmin(b.api());
        viaB.awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        JsonObject video = viaB.get(id);
        assertEquals("COMPLETED", video.getString("status"), video.toString());
        assertNotEquals(first, video.getJsonNumber("jobExecutionId").longValue(), "node B restarted the job by itself");
        assertEquals("CRASHED", viaB.job(first).getString("exitStatus"));
        everyRenditionHasEveryFrame(viaB, id, dir.resolve("coordinator-kill.mp4"));

        // and the same bytes encoded by one node alone come out identical to the two-node encode of the first test
        Videos other = new Videos(b.api(), b.api().newUser("solo"));
        String solo = other.upload(source, "visibility=PRIVATE").getString("id");
        other.awaitStatus(solo, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        assertEquals(viaB.renditionHashes(twoNodeVideo, dir), other.renditionHashes(solo, dir),
                "a two-node encode is byte for byte a one-node encode");
    }

    /** B's last beat is older than the lease (6 s): polled up to 15 s. */
    private static boolean nodeStoppedAnswering(String adminToken) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonObject n : a.api().get("/api/v1/nodes", Api.bearer(adminToken)).jsonArray().getValuesAs(JsonObject.class)) {
                if (n.getString("name").equals("node-b") && !n.getBoolean("answering")) return true;
            }
            Videos.sleep(500);
        }
        return false;
    }

    /** Waits until the node has encoded a piece of the video's running job; returns the job's execution id. */
    private static long awaitPiecesOn(Videos videos, String id, String node) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject v = videos.get(id);
            if (v.containsKey("jobExecutionId")) {
                long execution = v.getJsonNumber("jobExecutionId").longValue();
                JsonObject job = videos.job(execution);
                if (job.getJsonObject("encodedBy").getInt(node, 0) > 0) {
                    assertEquals("STARTED", job.getString("status"), "still encoding when the node dies: " + job);
                    return execution;
                }
            }
            Videos.sleep(200);
        }
        throw new AssertionError(node + " encoded nothing of " + id);
    }

    private static void everyRenditionHasEveryFrame(Videos videos, String id, Path src) {
        long frames = Media.frames(src);
        for (JsonObject r : videos.get(id).getJsonArray("renditions").getValuesAs(JsonObject.class)) {
            Path mp4 = videos.download(r.getJsonObject("links").getString("mp4"), dir.resolve(id + r.getString("name") + ".mp4"));
            assertEquals(frames, Media.frames(mp4), r.getString("name") + ": every frame, none twice");
        }
    }
}
