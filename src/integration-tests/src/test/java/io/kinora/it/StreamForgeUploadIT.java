package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.TestMedia;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** StreamForge's POST /api/upload (multipart field "video") answers quickly with jobId and videoId. */
class StreamForgeUploadIT extends AgainstTheServer {
    private final Api api = Api.local();

    private static byte[] form(String boundary, String field, String filename, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nForged\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void multipartUploadAnswersWithJobAndVideoIds() throws Exception {
        String token = api.newUser("sf");
        byte[] video = Files.readAllBytes(TestMedia.video(1));
        String boundary = "b" + UUID.randomUUID();
        long t0 = System.nanoTime();
        Api.Reply r = api.sendBytes("POST", "/api/upload", form(boundary, "video", "forge.mp4", video),
                "multipart/form-data; boundary=" + boundary, Api.bearer(token));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(202, r.status(), r.toString());
        assertTrue(millis < 2000, "answered in " + millis + " ms");
        JsonObject body = r.json();
        String videoId = body.getString("videoId");
        assertEquals(videoId, body.getString("jobId"));
        JsonObject v = api.get("/api/v1/videos/" + videoId, Api.bearer(token)).json();
        assertEquals("Forged", v.getString("title"));
        assertEquals("forge.mp4", v.getJsonObject("source").getString("filename"));
        assertEquals(TestMedia.sha256(video), v.getJsonObject("source").getString("sha256"));
    }

    @Test
    void missingFieldIs400() throws Exception {
        String token = api.newUser("sf");
        String boundary = "b" + UUID.randomUUID();
        Api.Reply r = api.sendBytes("POST", "/api/upload", form(boundary, "file", "forge.mp4", new byte[10]),
                "multipart/form-data; boundary=" + boundary, Api.bearer(token));
        assertEquals(400, r.status(), r.toString());
        assertEquals("missing-file", r.json().getString("code"));
        assertEquals(401, api.sendBytes("POST", "/api/upload", form(boundary, "video", "x.mp4", new byte[10]),
                "multipart/form-data; boundary=" + boundary).status());
    }
}
