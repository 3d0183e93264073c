package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kinora.it.support.Cluster;
import io.kinora.it.support.Media;
import io.kinora.it.support.StandaloneKinora;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/cluster: the encode job of one source on one node pinned to one core, then on two nodes pinned to a core each
 * (taskset; FFmpeg inherits it), then with the worker node killed mid-encode. Not a test: runs only with
 * -Dkinora.bench.cluster=true (bench/cluster sets it) and prints its figures as "bench: ..." lines.
 */
class ClusterBench {
    @TempDir
    static Path dir;

    @Test
    void speedupAndLoss() throws Exception {
        assumeTrue(Boolean.getBoolean("kinora.bench.cluster"), "bench/cluster runs this");
        Path source = System.getProperty("kinora.bench.source", "").isBlank() ? generate()
                : Path.of(System.getProperty("kinora.bench.source"));
        long frames = Media.frames(source);
        try (Cluster cluster = new Cluster(dir, 800, 850)) {
            cluster.start();
            // 1. one node on one core
            cluster.b.stop();
            pin(cluster.a, 0);
            Run one = encode(cluster.a, source, "one");
            // 2. two nodes, one core each
            cluster.b.start();
            pin(cluster.a, 0);
            pin(cluster.b, 1);
            Run two = encode(cluster.a, source, "two");
            // 3. two nodes, the worker killed mid-encode
            Videos third = new Videos(cluster.a.api(), cluster.a.api().newUser("kill"));
            String id = third.upload(source, "visibility=PRIVATE").getString("id");
            awaitPieceOn(third, id, "node-b");
            cluster.b.kill();
            third.awaitStatus(id, Duration.ofMinutes(30), "COMPLETED", "FAILED");
            long lost = 0;
            for (JsonObject r : third.get(id).getJsonArray("renditions").getValuesAs(JsonObject.class)) {
                Path mp4 = third.download(r.getJsonObject("links").getString("mp4"), dir.resolve("kill-" + r.getString("name") + ".mp4"));
                lost += Math.abs(Media.frames(mp4) - frames);
            }
            boolean identical = third.renditionHashes(id, dir).equals(two.hashes());
            print("source=" + source + " frames=" + frames);
            print(String.format(Locale.ROOT, "one-node-one-core=%.2f s two-nodes-one-core-each=%.2f s speedup=%.3f",
                    one.seconds(), two.seconds(), one.seconds() / two.seconds()));
            print(String.format(Locale.ROOT, "first-playable: one=%.2f s two=%.2f s", one.ready(), two.ready()));
            print("pieces by node (two nodes): " + two.by() + "; encoders busy: one node " + one.encoderMillis() / 1000.0
                    + " s, two nodes " + two.encoderMillis() / 1000.0 + " s");
            print("lost=" + lost + " (frames missing or repeated over all renditions after killing the worker)"
                    + " identical-to-two-node-run=" + identical);
            assertEquals(0, lost);
        }
    }

    record Run(double seconds, double ready, JsonObject by, long encoderMillis, Map<String, String> hashes) { }

    private static Run encode(StandaloneKinora node, Path source, String user) {
        Videos videos = new Videos(node.api(), node.api().newUser(user));
        String id = videos.upload(source, "visibility=PRIVATE").getString("id");
        videos.awaitStatus(id, Duration.ofMinutes(30), "COMPLETED", "FAILED");
        JsonObject video = videos.get(id);
        assertEquals("COMPLETED", video.getString("status"), video.toString());
        JsonObject job = videos.awaitJob(video.getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(10),
                "COMPLETED", "FAILED");
        Instant start = Instant.parse(job.getString("start").replace("[UTC]", ""));
        Instant end = Instant.parse(job.getString("end").replace("[UTC]", ""));
        double ready = Duration.between(start, Instant.parse(video.getString("readyAt"))).toMillis() / 1000.0;
        return new Run(Duration.between(start, end).toMillis() / 1000.0, ready, job.getJsonObject("encodedBy"),
                job.getJsonNumber("encodeMillis").longValue(), videos.renditionHashes(id, dir));
    }

    private static void awaitPieceOn(Videos videos, String id, String node) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject v = videos.get(id);
            if (v.containsKey("jobExecutionId")
                    && videos.job(v.getJsonNumber("jobExecutionId").longValue()).getJsonObject("encodedBy").getInt(node, 0) > 0) {
                return;
            }
            Videos.sleep(200);
        }
        throw new AssertionError(node + " encoded nothing");
    }

    /** taskset -a: every thread of the server's JVM, and so every FFmpeg it starts, on this core. */
    private static void pin(StandaloneKinora node, int cpu) throws Exception {
        Process p = new ProcessBuilder("taskset", "-a", "-cp", Integer.toString(cpu), Long.toString(node.pid()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "taskset: " + out);
    }

    private static Path generate() {
        // as bench/encode: 60 s of 1080p25 with temporal noise (x264 has real work), a tone, keyframes every 2 s
        return Media.ok2(dir.resolve("bench-1080p.mp4"), "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25,noise=alls=8:allf=t",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "60", "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "10M", "-pix_fmt", "yuv420p", "-g", "50",
                "-keyint_min", "50", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "192k");
    }

    private static void print(String line) {
        System.out.println("bench: " + line);
    }
}
