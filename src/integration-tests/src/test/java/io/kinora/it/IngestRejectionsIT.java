package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.TestMedia;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile corpus through the plain upload and through tus: each file is refused with a status and a
 * code, and leaves nothing behind (no video row, no object, no upload file). Through tus the refusal comes
 * after the last PATCH's answer, so it is the video's failure (the only row left). Disguised playlists must
 * never make FFmpeg open a local file or a URL.
 */
class IngestRejectionsIT extends AgainstTheServer {
    private final Api api = Api.local();
    private String token;
    private final Path data = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian");

    @BeforeEach
    void user() { token = api.newUser("hostile"); }

    private Api.Reply post(String filename, byte[] body) {
        return api.sendBytes("POST", "/api/v1/videos?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8), body,
                "application/octet-stream", Api.bearer(token));
    }

    /** Video directories in the store plus every file under uploads/: a refusal must add none. */
    private Set<String> leftovers() throws IOException {
        Set<String> s = new TreeSet<>();
        Path videos = data.resolve("objects").resolve("videos");
        if (Files.isDirectory(videos)) try (Stream<Path> l = Files.list(videos)) { l.forEach(p -> s.add("video " + p.getFileName())); }
        Path uploads = data.resolve("uploads");
        if (Files.isDirectory(uploads)) try (Stream<Path> w = Files.walk(uploads)) {
            w.filter(Files::isRegularFile).forEach(p -> s.add("upload " + uploads.relativize(p)));
        }
        return s;
    }

    private void assertRefused(String filename, byte[] body, int status, String... codes) throws IOException {
        Set<String> before = leftovers();
        Api.Reply r = post(filename, body);
        assertEquals(status, r.status(), filename + ": " + r);
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(Arrays.asList(codes).contains(r.json().getString("code")), filename + ": " + r.body());
        assertNothingLeft(before);
    }

    private void assertNothingLeft(Set<String> before) throws IOException {
        Set<String> after = leftovers();
        after.removeAll(before);
        assertEquals(Set.of(), after, "left behind");
        assertEquals(0, api.get("/api/v1/videos?mine=true", Api.bearer(token)).jsonArray().size(), "no video row");
    }

    @Test
    void zeroBytes() throws IOException {
        assertRefused("empty.mp4", new byte[0], 400, "empty-file");
    }

    @Test
    void randomBytesNamedMp4() throws IOException {
        byte[] junk = new byte[200_000];
        new Random(42).nextBytes(junk);
        assertRefused("random.mp4", junk, 422, "not-a-video", "unsupported-container");
    }

    @Test
    void truncatedMp4() throws IOException {
        byte[] whole = Files.readAllBytes(TestMedia.video(2));
        assertRefused("truncated.mp4", Arrays.copyOf(whole, whole.length / 2), 422, "truncated-or-corrupt", "not-a-video");
    }

    @Test
    void pngImage() throws IOException {
        byte[] png = Files.readAllBytes(TestMedia.ffmpeg("png", "-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1"));
        assertRefused("picture.mp4", png, 422, "still-image", "unsupported-container", "not-a-video");
    }

    @Test
    void audioOnlyM4a() throws IOException {
        byte[] m4a = Files.readAllBytes(TestMedia.ffmpeg("m4a", "-f", "lavfi", "-i", "sine", "-t", "2", "-c:a", "aac"));
        assertRefused("song.m4a", m4a, 422, "no-video-stream");
    }

    @Test
    void playlistsAndConcatListsNeverReachOutside() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + trap.getLocalPort() + "/x.ts";
            String hls = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXTINF:10,\n" + url + "\n#EXT-X-ENDLIST\n";
            String concat = "ffconcat version 1.0\nfile 'file:///etc/passwd'\nfile '" + url + "'\nfile '/etc/passwd'\n";
            assertRefused("playlist.mp4", hls.getBytes(StandardCharsets.UTF_8), 422, "unsupported-container", "not-a-video");
            assertRefused("list.mp4", concat.getBytes(StandardCharsets.UTF_8), 422, "unsupported-container", "not-a-video");
            // the same through tus
            assertTusRefused(hls.getBytes(StandardCharsets.UTF_8), "unsupported-container", "not-a-video");
            trap.setSoTimeout(1500);
            AtomicInteger connections = new AtomicInteger();
            try {
                trap.accept().close();
                connections.incrementAndGet();
            } catch (SocketTimeoutException expected) {
                // nobody called
            }
            assertEquals(0, connections.get(), "FFmpeg connected to a URL named inside an upload");
        }
    }

    @Test
    void randomBytesThroughTusLeaveNoUpload() throws IOException {
        byte[] junk = new byte[100_000];
        new Random(7).nextBytes(junk);
        assertTusRefused(junk, "not-a-video", "unsupported-container");
    }

    private void assertTusRefused(byte[] body, String... codes) throws IOException {
        Set<String> before = leftovers();
        Api.Reply c = api.send("POST", "/api/v1/uploads", (String) null, null, "Authorization", "Bearer " + token,
                "Tus-Resumable", "1.0.0", "Upload-Length", Integer.toString(body.length),
                "Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("x.mp4".getBytes()));
        assertEquals(201, c.status(), c.toString());
        String url = c.header("Location").orElseThrow();
        Api.Reply r = api.sendBytes("PATCH", url, body, "application/offset+octet-stream", "Authorization", "Bearer " + token,
                "Tus-Resumable", "1.0.0", "Upload-Offset", "0");
        // the last PATCH is answered once the bytes are on disk; the refusal comes after it, as the video's failure
        assertEquals(204, r.status(), r.toString());
        String id = r.header("X-Kinora-Video-Id").orElseThrow();
        new io.kinora.it.support.Videos(api, token).awaitStatus(id, java.time.Duration.ofSeconds(60), "FAILED");
        var video = api.get("/api/v1/videos/" + id, Api.bearer(token)).json();
        assertTrue(Arrays.asList(codes).contains(video.getJsonObject("failure").getString("code")), video.toString());
        assertEquals(404, api.send("HEAD", url, (String) null, null, "Authorization", "Bearer " + token, "Tus-Resumable", "1.0.0").status());
        Set<String> after = leftovers();
        after.removeAll(before);
        assertEquals(Set.of(), after, "left behind");
        var mine = api.get("/api/v1/videos?mine=true", Api.bearer(token)).jsonArray();
        assertEquals(1, mine.size(), "only the failed video that says why");
        api.send("DELETE", "/api/v1/videos/" + id, (String) null, null, Api.bearer(token));
    }

    @Test
    void pathTraversalNameIsOnlyADisplayName() throws IOException {
        byte[] video = Files.readAllBytes(TestMedia.video(1));
        Api.Reply r = post("../../etc/passwd.mp4", video);
        assertEquals(201, r.status(), r.toString());
        assertEquals("passwd.mp4", r.json().getJsonObject("source").getString("filename"));
        String id = r.json().getString("id");
        Path target = Path.of(System.getProperty("kinora.it.data.dir")).getParent();
        try (Stream<Path> w = Files.walk(target)) {
            assertEquals(0, w.filter(p -> p.getFileName().toString().equals("passwd.mp4")).count(), "a file named after the upload");
        }
        assertFalse(Files.exists(Path.of("/etc/passwd.mp4")));
        try (Stream<Path> l = Files.list(data.resolve("objects").resolve("videos").resolve(id))) {
            assertTrue(l.findAny().isPresent(), "stored under the video's id");
        }
        assertEquals(1, api.get("/api/v1/videos?mine=true", Api.bearer(token)).jsonArray().size());
    }
}
