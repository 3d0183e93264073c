package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.TestMedia;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tus 1.0 protocol over plain HTTP: every status code the server promises, against the real server. */
class TusIT extends AgainstTheServer {
    static final String OCTETS = "application/offset+octet-stream";

    private final Api api = Api.local();
    private String token;

    @BeforeEach
    void user() { token = api.newUser("tus"); }

    private String[] h(String... more) {
        String[] base = {"Authorization", "Bearer " + token, "Tus-Resumable", "1.0.0"};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static String b64(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    static void assertProblem(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        if (!"HEAD".equals(code)) assertEquals(code, r.json().getString("code"), r.body());
    }

    private String create(long length, String metadata) {
        Api.Reply r = api.send("POST", "/api/v1/uploads", (String) null, null,
                h("Upload-Length", Long.toString(length), "Upload-Metadata", metadata));
        assertEquals(201, r.status(), r.toString());
        assertEquals("0", r.header("Upload-Offset").orElseThrow());
        assertEquals("1.0.0", r.header("Tus-Resumable").orElseThrow());
        String location = r.header("Location").orElseThrow();
        assertTrue(location.matches(".*/api/v1/uploads/[0-9a-f-]{36}"), location);
        return location;
    }

    private Api.Reply patch(String url, long offset, byte[] chunk, String... extra) {
        String[] headers = h("Upload-Offset", Long.toString(offset));
        String[] all = Arrays.copyOf(headers, headers.length + extra.length);
        System.arraycopy(extra, 0, all, headers.length, extra.length);
        return api.sendBytes("PATCH", url, chunk, OCTETS, all);
    }

    private long headOffset(String url) {
        Api.Reply r = api.send("HEAD", url, (String) null, null, h());
        assertEquals(200, r.status(), r.toString());
        assertEquals("no-store", r.header("Cache-Control").orElse(""));
        return Long.parseLong(r.header("Upload-Offset").orElseThrow());
    }

    private static String sha1(byte[] b) throws Exception {
        return "sha1 " + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(b));
    }

    @Test
    void optionsAdvertisesVersionExtensionsAndMaxSize() {
        Api.Reply r = api.send("OPTIONS", "/api/v1/uploads", (String) null, null);
        assertEquals(204, r.status(), r.toString());
        assertEquals("1.0.0", r.header("Tus-Version").orElseThrow());
        String ext = r.header("Tus-Extension").orElseThrow();
        for (String e : new String[] {"creation", "creation-with-upload", "creation-defer-length", "termination", "checksum", "expiration"}) {
            assertTrue(Arrays.asList(ext.split(",")).contains(e), ext);
        }
        assertTrue(Long.parseLong(r.header("Tus-Max-Size").orElseThrow()) > 0);
        assertTrue(r.header("Tus-Checksum-Algorithm").orElseThrow().contains("sha1"));
    }

    @Test
    void missingOrWrongTusResumableIs412WithTusVersion() {
        Api.Reply none = api.send("POST", "/api/v1/uploads", (String) null, null, "Authorization", "Bearer " + token, "Upload-Length", "10");
        assertProblem(none, 412, "unsupported-tus-version");
        assertEquals("1.0.0", none.header("Tus-Version").orElseThrow());
        Api.Reply old = api.send("POST", "/api/v1/uploads", (String) null, null, "Authorization", "Bearer " + token,
                "Tus-Resumable", "0.2.2", "Upload-Length", "10");
        assertProblem(old, 412, "unsupported-tus-version");
    }

    @Test
    void creationNeedsAuthenticationAndALength() {
        assertProblem(api.send("POST", "/api/v1/uploads", (String) null, null, "Tus-Resumable", "1.0.0", "Upload-Length", "10"),
                401, "authentication-required");
        assertProblem(api.send("POST", "/api/v1/uploads", (String) null, null, h()), 400, "invalid-upload-length");
        assertProblem(api.send("POST", "/api/v1/uploads", (String) null, null, h("Upload-Length", "-3")), 400, "invalid-upload-length");
        assertProblem(api.send("POST", "/api/v1/uploads", (String) null, null, h("Upload-Length", "10", "Upload-Metadata", "filename %%%")),
                400, "invalid-metadata");
        assertProblem(api.send("POST", "/api/v1/uploads", (String) null, null,
                h("Upload-Length", "10", "Upload-Metadata", "visibility " + b64("everyone"))), 400, "invalid-visibility");
    }

    @Test
    void overMaxSizeIs413() {
        long max = Long.parseLong(api.send("OPTIONS", "/api/v1/uploads", (String) null, null).header("Tus-Max-Size").orElseThrow());
        assertProblem(api.send("POST", "/api/v1/uploads", (String) null, null, h("Upload-Length", Long.toString(max + 1))), 413, "too-large");
        String url = create(10, "");
        assertProblem(patch(url, 0, new byte[11]), 413, "exceeds-upload-length");
        assertEquals(0, headOffset(url), "the refused body was not kept");
    }

    @Test
    void chunkedUploadWithOffsetsChecksumsAndCompletion() throws Exception {
        Path file = TestMedia.video(2);
        byte[] bytes = Files.readAllBytes(file);
        int half = bytes.length / 2;
        String url = create(bytes.length, "filename " + b64("clip.mp4") + ",title " + b64("A tus clip") + ",visibility " + b64("unlisted"));

        Api.Reply created = api.send("HEAD", url, (String) null, null, h());
        assertEquals(Integer.toString(bytes.length), created.header("Upload-Length").orElseThrow());
        assertTrue(created.header("Upload-Metadata").orElseThrow().contains("filename "));
        ZonedDateTime expires = ZonedDateTime.parse(created.header("Upload-Expires").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME);
        assertTrue(expires.isAfter(ZonedDateTime.now()));

        byte[] first = Arrays.copyOfRange(bytes, 0, half);
        Api.Reply p1 = patch(url, 0, first, "Upload-Checksum", sha1(first));
        assertEquals(204, p1.status(), p1.toString());
        assertEquals(Integer.toString(half), p1.header("Upload-Offset").orElseThrow());
        assertTrue(p1.header("Upload-Expires").isPresent());
        assertEquals(half, headOffset(url));

        byte[] rest = Arrays.copyOfRange(bytes, half, bytes.length);
        assertProblem(patch(url, 0, rest), 409, "offset-mismatch");
        assertProblem(patch(url, half + 1, rest), 409, "offset-mismatch");
        assertProblem(patch(url, half, rest, "Upload-Checksum", sha1(first)), 460, "checksum-mismatch");
        assertEquals(half, headOffset(url), "a mismatching chunk is discarded");
        assertProblem(patch(url, half, rest, "Upload-Checksum", "crc32 AAAA"), 400, "unsupported-checksum-algorithm");
        assertProblem(api.sendBytes("PATCH", url, rest, "application/octet-stream", h("Upload-Offset", Integer.toString(half))),
                415, "unsupported-media-type");

        Api.Reply done = patch(url, half, rest, "Upload-Checksum", sha1(rest));
        assertEquals(204, done.status(), done.toString());
        assertEquals(Integer.toString(bytes.length), done.header("Upload-Offset").orElseThrow());
        String videoId = done.header("X-Kinora-Video-Id").orElseThrow();
        assertEquals(bytes.length, headOffset(url), "a finished upload still reports its offset");
        java.util.regex.Matcher timed = java.util.regex.Pattern.compile("(?m)^kinora_upload_seconds_count\\{via=\"tus\"} (\\d+)$")
                .matcher(api.get("/metrics").body());
        assertTrue(timed.find() && Long.parseLong(timed.group(1)) > 0, "tus uploads timed, creation to last byte");

        JsonObject link = api.get(url.substring(url.indexOf("/api/")) + "/video", "Authorization", "Bearer " + token).json();
        assertEquals(videoId, link.getString("videoId"));
        JsonObject video = api.get("/api/v1/videos/" + videoId, "Authorization", "Bearer " + token).json();
        assertEquals("A tus clip", video.getString("title"));
        assertEquals("UNLISTED", video.getString("visibility"));
        assertEquals("clip.mp4", video.getJsonObject("source").getString("filename"));
        assertEquals(TestMedia.sha256(bytes), video.getJsonObject("source").getString("sha256"));
    }

    @Test
    void creationWithUploadCompletesInOneRequest() throws Exception {
        byte[] bytes = Files.readAllBytes(TestMedia.video(1));
        Api.Reply r = api.sendBytes("POST", "/api/v1/uploads", bytes, OCTETS,
                h("Upload-Length", Integer.toString(bytes.length), "Upload-Metadata", "filename " + b64("one.mp4")));
        assertEquals(201, r.status(), r.toString());
        assertEquals(Integer.toString(bytes.length), r.header("Upload-Offset").orElseThrow());
        String videoId = r.header("X-Kinora-Video-Id").orElseThrow();
        assertEquals(TestMedia.sha256(bytes), api.get("/api/v1/videos/" + videoId, "Authorization", "Bearer " + token)
                .json().getJsonObject("source").getString("sha256"));
    }

    @Test
    void deferredLengthIsSetByALaterPatch() throws Exception {
        byte[] bytes = Files.readAllBytes(TestMedia.video(1));
        int cut = bytes.length / 3;
        Api.Reply c = api.send("POST", "/api/v1/uploads", (String) null, null, h("Upload-Defer-Length", "1"));
        assertEquals(201, c.status(), c.toString());
        String url = c.header("Location").orElseThrow();
        Api.Reply head = api.send("HEAD", url, (String) null, null, h());
        assertEquals("1", head.header("Upload-Defer-Length").orElseThrow());
        assertTrue(head.header("Upload-Length").isEmpty());
        assertEquals(204, patch(url, 0, Arrays.copyOfRange(bytes, 0, cut)).status());
        Api.Reply done = patch(url, cut, Arrays.copyOfRange(bytes, cut, bytes.length), "Upload-Length", Integer.toString(bytes.length));
        assertEquals(204, done.status(), done.toString());
        assertTrue(done.header("X-Kinora-Video-Id").isPresent(), done.headers().toString());
    }

    @Test
    void terminationIs204ThenTheUploadIsGone() {
        String url = create(100, "");
        assertEquals(204, patch(url, 0, new byte[40]).status());
        Api.Reply del = api.send("DELETE", url, (String) null, null, h());
        assertEquals(204, del.status(), del.toString());
        assertEquals(404, api.send("HEAD", url, (String) null, null, h()).status());
        assertProblem(patch(url, 40, new byte[10]), 404, "no-such-upload");
        Path dir = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "uploads", "tus", url.substring(url.lastIndexOf('/') + 1));
        assertFalse(Files.exists(dir), dir.toString());
    }

    @Test
    void anotherUsersUploadDoesNotExistForMe() {
        String url = create(100, "");
        String other = api.newUser("tus-other");
        assertEquals(404, api.send("HEAD", url, (String) null, null, "Authorization", "Bearer " + other, "Tus-Resumable", "1.0.0").status());
        assertProblem(api.sendBytes("PATCH", url, new byte[10], OCTETS, "Authorization", "Bearer " + other,
                "Tus-Resumable", "1.0.0", "Upload-Offset", "0"), 404, "no-such-upload");
        assertProblem(api.send("HEAD", "/api/v1/uploads/..%2F..%2Fetc", (String) null, null, h()), 404, "HEAD");
    }
}
