package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, point 13: a full disk under an upload. The test mounts a 4 MiB tmpfs over the server's tus directory
 * (it runs as root; where mounting is not permitted it is skipped and says why), uploads a 10 MiB video in 256 KiB
 * PATCHes until the disk is full, then gives the file system room and resumes. Before: 500 internal-error.
 * The same for an encode whose work directory fills up.
 */
class DiskFullIT extends AgainstTheServer {
    @TempDir
    static Path dir;

    private final Api api = Api.local();
    private final Path tus = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "uploads", "tus");

    @Test
    void aFullDiskAnswers507KeepsWhatWasAcknowledgedAndRecovers() throws Exception {
        Files.createDirectories(tus);
        String mounted = sh("mount", "-t", "tmpfs", "-o", "size=4m", "kinora-it-full", tus.toString());
        assumeTrue(mounted.isEmpty(), "mounting a tmpfs is not permitted here: " + mounted);
        try {
            String token = api.newUser("diskfull");
            byte[] video = padded(Files.readAllBytes(Media.generate(dir.resolve("full.mp4"), 320, 180, "25", 2, 1, true)),
                    10 << 20);
            Api.Reply c = api.send("POST", "/api/v1/uploads", null, null, "Authorization", "Bearer " + token,
                    "Tus-Resumable", "1.0.0", "Upload-Length", Integer.toString(video.length),
                    "Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("full.mp4".getBytes()));
            assertEquals(201, c.status(), c.toString());
            String url = c.header("Location").orElseThrow();

            int chunk = 256 << 10;
            long offset = 0;
            Api.Reply full = null;
            while (offset < video.length && full == null) {
                Api.Reply r = patch(token, url, offset, Arrays.copyOfRange(video, (int) offset, (int) Math.min(video.length, offset + chunk)));
                if (r.status() == 204) offset = Long.parseLong(r.header("Upload-Offset").orElseThrow());
                else full = r;
            }
            assertNotNull(full, "a 10 MiB upload fit on a 4 MiB file system");
            assertEquals(507, full.status(), full.toString());
            assertEquals("storage-full", full.json().getString("code"));
            assertTrue(full.header("Retry-After").isPresent(), full.headers().toString());
            assertEquals("1.0.0", full.header("Tus-Resumable").orElse(null), "still a tus answer");

            // what was acknowledged is kept: the upload is where the last good PATCH left it, or a little further
            Api.Reply head = api.send("HEAD", url, null, null, "Authorization", "Bearer " + token, "Tus-Resumable", "1.0.0");
            assertEquals(200, head.status(), head.toString());
            long kept = Long.parseLong(head.header("Upload-Offset").orElseThrow());
            assertTrue(kept >= offset && kept < video.length, "kept " + kept + " of " + video.length + ", acknowledged " + offset);

            // space returns: the same upload goes on from there and becomes a video
            assertEquals("", sh("mount", "-o", "remount,size=64m", tus.toString()));
            offset = kept;
            Api.Reply last = null;
            while (offset < video.length) {
                last = patch(token, url, offset, Arrays.copyOfRange(video, (int) offset, (int) Math.min(video.length, offset + (4 << 20))));
                assertEquals(204, last.status(), last.toString());
                offset = Long.parseLong(last.header("Upload-Offset").orElseThrow());
            }
            String id = last.header("X-Kinora-Video-Id").orElseThrow();
            Videos videos = new Videos(api, token);
            videos.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");
            assertEquals("COMPLETED", videos.get(id).getString("status"), videos.get(id).toString());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(video)),
                    videos.get(id).getJsonObject("source").getString("sha256"), "the resumed bytes are the uploaded bytes");
            videos.awaitJob(videos.get(id).getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2), "COMPLETED", "FAILED");
        } finally {
            sh("umount", "-l", tus.toString());
        }
    }

    /**
     * The encode's half: a 4 MiB tmpfs over the local work directories, a 10 MiB source. The job fails with
     * {@code storage-full} (before: {@code encode-failed}, and a restarted job left the video FAILED); with room
     * again the operator's restart finishes it.
     */
    @Test
    void anEncodeThatRunsOutOfDiskFailsWithStorageFullAndARestartFinishesIt() throws Exception {
        Path work = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "work");
        Files.createDirectories(work);
        String mounted = sh("mount", "-t", "tmpfs", "-o", "size=4m", "kinora-it-work", work.toString());
        assumeTrue(mounted.isEmpty(), "mounting a tmpfs is not permitted here: " + mounted);
        try {
            String token = api.newUser("encodefull");
            Path source = Files.write(dir.resolve("encode-full.mp4"),
                    padded(Files.readAllBytes(Media.generate(dir.resolve("ef.mp4"), 320, 180, "25", 2, 1, true)), 10 << 20));
            Videos videos = new Videos(api, token);
            String id = videos.upload(source, "visibility=PRIVATE").getString("id");
            videos.awaitStatus(id, Duration.ofMinutes(2), "FAILED", "COMPLETED");
            var failed = videos.get(id);
            assertEquals("FAILED", failed.getString("status"), failed.toString());
            assertEquals("storage-full", failed.getJsonObject("failure").getString("code"), failed.toString());

            assertEquals("", sh("mount", "-o", "remount,size=256m", work.toString()));
            long execution = failed.getJsonNumber("jobExecutionId").longValue();
            Api.Reply restarted = api.send("POST", "/api/v1/jobs/" + execution + "/restart", null, null, Api.bearer(token));
            assertEquals(200, restarted.status(), restarted.toString());
            videos.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED");
            var done = videos.get(id);
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertTrue(!done.containsKey("failure") || done.isNull("failure"), "the failure is history: " + done);
            videos.awaitJob(done.getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2), "COMPLETED", "FAILED");
        } finally {
            sh("umount", "-l", work.toString());
        }
    }

    private Api.Reply patch(String token, String url, long offset, byte[] body) {
        return api.sendBytes("PATCH", url, body, "application/offset+octet-stream", "Authorization", "Bearer " + token,
                "Tus-Resumable", "1.0.0", "Upload-Offset", Long.toString(offset));
    }

    /** The clip followed by one top-level 'free' box of random bytes (demuxers skip it), {@code size} bytes in all. */
    static byte[] padded(byte[] clip, int size) {
        int pad = size - clip.length;
        byte[] random = new byte[pad - 16];
        new Random(13).nextBytes(random);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(clip);
        out.writeBytes(ByteBuffer.allocate(16).putInt(1).put("free".getBytes()).putLong(pad).array());
        out.writeBytes(random);
        return out.toByteArray();
    }

    /** Runs a command; its output if it failed, "" if it worked. */
    static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0 ? "" : "exit " + p.exitValue() + ": " + out.strip();
    }
}
