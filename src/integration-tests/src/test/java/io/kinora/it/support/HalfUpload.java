package io.kinora.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/** A tus upload sent half-way, to be finished after the server restarts. */
public final class HalfUpload {
    private final byte[] bytes;
    private final String path;

    private HalfUpload(byte[] bytes, String path) {
        this.bytes = bytes;
        this.path = path;
    }

    public static HalfUpload start(Api api, String token, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Media.generateTone(file, 320, 240, 3, 523));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] auth = Api.bearer(token);
        Api.Reply created = api.sendBytes("POST", "/api/v1/uploads", new byte[0], null, auth[0], auth[1],
                "Tus-Resumable", "1.0.0", "Upload-Length", String.valueOf(bytes.length), "Upload-Metadata",
                "filename " + Base64.getEncoder().encodeToString("half.mp4".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, created.status(), created.body());
        String path = URI.create(created.header("Location").orElseThrow()).getPath();
        Api.Reply first = api.sendBytes("PATCH", path, Arrays.copyOfRange(bytes, 0, bytes.length / 2),
                "application/offset+octet-stream", auth[0], auth[1], "Tus-Resumable", "1.0.0", "Upload-Offset", "0");
        assertEquals(204, first.status(), first.body());
        return new HalfUpload(bytes, path);
    }

    /** HEAD must report exactly the acknowledged half; the rest then completes into an intact original. */
    public void finishAfterRestart(Api api, String token) {
        String[] auth = Api.bearer(token);
        int half = bytes.length / 2;
        Api.Reply head = api.send("HEAD", path, null, null, auth[0], auth[1], "Tus-Resumable", "1.0.0");
        assertEquals(200, head.status());
        assertEquals(String.valueOf(half), head.header("Upload-Offset").orElse(""), "acknowledged bytes survived");
        Api.Reply rest = api.sendBytes("PATCH", path, Arrays.copyOfRange(bytes, half, bytes.length),
                "application/offset+octet-stream", auth[0], auth[1], "Tus-Resumable", "1.0.0",
                "Upload-Offset", String.valueOf(half));
        assertEquals(204, rest.status(), rest.body());
        String videoId = rest.header("X-Kinora-Video-Id").orElseThrow();
        assertEquals(TestMedia.sha256(bytes),
                api.get("/api/v1/videos/" + videoId, auth).json().getJsonObject("source").getString("sha256"));
    }
}
