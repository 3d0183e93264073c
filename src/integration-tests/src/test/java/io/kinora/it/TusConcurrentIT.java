package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty tus-js-client uploads at once, of different sizes, a third of them cut after their first chunk and
 * resumed: every one completes, every stored original has the SHA-256 of its file, every video becomes playable.
 */
class TusConcurrentIT extends AgainstTheServer {
    static final int UPLOADS = 20;

    @TempDir
    static Path dir;

    private final Api api = Api.local();

    @Test
    void twentyConcurrentUploadsWithInterruptionsAllArriveIntact() throws Exception {
        Random random = new Random(20);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            int[] size = List.of(new int[] {160, 120}, new int[] {256, 144}, new int[] {320, 240}, new int[] {426, 240})
                    .get(random.nextInt(4));
            // a different tone per file: no two uploads are the same bytes (that would be a duplicate)
            args.add(Media.generateTone(dir.resolve("up-" + i + ".mp4"), size[0], size[1], 1 + random.nextInt(3),
                    300 + 37 * i).toString());
        }
        String token = api.newUser("many");
        Path modules = Path.of(System.getProperty("kinora.it.node.modules"));
        List<String> cmd = new ArrayList<>(List.of("node",
                Path.of(System.getProperty("kinora.it.node.scripts"), "tus-many.cjs").toString(),
                api.base() + "/api/v1/uploads", token));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("NODE_PATH", modules.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "node hung");
        assertEquals(0, p.exitValue(), out);
        JsonArray results = Json.createReader(new StringReader(out.substring(out.lastIndexOf('\n') + 1))).readArray();
        assertEquals(UPLOADS, results.size());

        List<String> ids = new ArrayList<>();
        int interrupted = 0;
        for (JsonObject r : results.getValuesAs(JsonObject.class)) {
            if (r.getBoolean("interrupted")) {
                interrupted++;
                assertEquals(r.getString("firstUrl"), r.getString("url"), "resumed the same upload");
            }
            assertFalse(r.isNull("videoId"), r.toString());
            String id = r.getString("videoId");
            JsonObject v = api.get("/api/v1/videos/" + id, Api.bearer(token)).json();
            assertEquals(TestMedia.sha256(Files.readAllBytes(Path.of(r.getString("file")))),
                    v.getJsonObject("source").getString("sha256"), r.getString("file"));
            ids.add(id);
        }
        assertEquals(UPLOADS / 3 + 1, interrupted);
        assertEquals(UPLOADS, Set.copyOf(ids).size(), "twenty distinct videos");

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        for (String id : ids) {
            String status;
            do {
                status = api.get("/api/v1/videos/" + id, Api.bearer(token)).json().getString("status");
                if (Set.of("READY", "COMPLETED", "FAILED").contains(status)) break;
                Thread.sleep(500);
            } while (System.nanoTime() < deadline);
            assertTrue(Set.of("READY", "COMPLETED").contains(status), id + " is " + status);
        }
    }
}
