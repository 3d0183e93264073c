package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.S3Proxy;
import io.kinora.it.support.StandaloneKinora;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 object store end to end in the real server: a Kinora of its own with kinora.storage.type=s3 against
 * a real S3 server (s3proxy). Health reports the bucket; an upload is stored, encoded and published in the
 * bucket (and nothing lands in the filesystem store); HLS plays through with ffprobe, the MP4 keeps every range
 * rule with bytes read from S3, a signed link plays, and DELETE leaves no object of the video in the bucket.
 */
class S3StoreIT {
    static final String BUCKET = "kinora-it";
    /** Beside the Arquillian server: its port offset + 10. */
    static final int OFFSET = Api.portOffset() + 10;

    @TempDir
    static Path dir;

    @Test
    void wholeVideoLifecycleOnS3() throws Exception {
        Path src = Media.generateTone(dir.resolve("s3.mp4"), 640, 360, 4, 523);
        long frames = Media.frames(src);
        try (S3Proxy s3 = S3Proxy.start(Files.createDirectories(dir.resolve("s3proxy")));
             StandaloneKinora server = new StandaloneKinora("s3-server", OFFSET, s3.kinoraSettings(BUCKET))) {
            server.start();
            Api api = server.api();

            // details are for admins (issue 19)
            JsonObject storage = api.get("/api/health", Api.bearer(api.token(Api.ADMIN, Api.ADMIN_PASSWORD))).json()
                    .getJsonObject("checks").getJsonObject("storage");
            assertEquals("UP", storage.getString("status"), storage.toString());
            assertTrue(storage.getString("detail").startsWith("s3: s3 bucket " + BUCKET), storage.toString());

            String token = api.newUser("s3owner");
            Videos owner = new Videos(api, token);
            String id = owner.upload(src, "visibility=PUBLIC&title=On%20S3").getString("id");
            owner.awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "FAILED");
            JsonObject video = owner.get(id);
            assertEquals("COMPLETED", video.getString("status"), video.toString());

            String prefix = "videos/" + id + "/";
            List<String> stored = s3.keys(BUCKET, prefix);
            assertTrue(stored.contains(prefix + "hls/master.m3u8") && stored.contains(prefix + "mp4/360p.mp4"),
                    "published into the bucket: " + stored);
            assertFalse(Files.exists(server.objects().resolve("videos").resolve(id)), "nothing in the filesystem store");

            // HLS end to end: ffprobe follows master -> variant -> init + every segment, all read from S3
            String master = api.base() + "/api/v1/videos/" + id + "/hls/master.m3u8";
            assertEquals(frames, decodedFrames(master), "every frame plays through the public HLS");

            // progressive MP4: range rules, and the bytes of a range are those of the file
            String mp4 = "/api/v1/videos/" + id + "/mp4/360p";
            String[] auth = Api.bearer(token);
            Api.Reply full = StreamIT.assertRangeConformance(api, mp4, auth);
            assertEquals("public, max-age=31536000, immutable", full.header("Cache-Control").orElseThrow());
            byte[] whole = Files.readAllBytes(owner.download(mp4, dir.resolve("whole.mp4")));
            assertEquals(frames, Media.frames(dir.resolve("whole.mp4")));
            int from = whole.length / 3;
            byte[] part = bytes(api.base() + mp4, "bytes=" + from + "-" + (from + 65_535));
            assertArrayEquals(Arrays.copyOfRange(whole, from, from + 65_536), part, "ranged read from S3");
            assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 777, whole.length), bytes(api.base() + mp4, "bytes=-777"));

            // a signed link plays anonymously (the playlists are rewritten with the signature)
            Api.Reply share = api.postJson("/api/v1/videos/" + id + "/share?ttlSeconds=600", "", auth);
            assertEquals(200, share.status(), share.toString());
            assertEquals(frames, decodedFrames(share.json().getString("url")), "every frame plays through the signed link");
            assertEquals(206, api.get(share.json().getJsonObject("mp4").getString("360p"), "Range", "bytes=0-99").status());

            // delete: the video's prefix is emptied in the bucket
            assertEquals(204, api.send("DELETE", "/api/v1/videos/" + id, null, null, auth).status());
            assertEquals(List.of(), s3.keys(BUCKET, prefix), "no object left under " + prefix);
            assertEquals(404, api.get("/api/v1/videos/" + id + "/hls/master.m3u8").status());
            server.stop();
        }
    }

    /** Decodes the first video stream of an HLS URL to the end and counts its frames. */
    static long decodedFrames(String url) {
        JsonObject o = Media.probe(url, "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames");
        return Long.parseLong(o.getJsonArray("streams").getJsonObject(0).getString("nb_read_frames"));
    }

    static byte[] bytes(String url, String range) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Range", range)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, r.statusCode(), url + " " + range);
        return r.body();
    }
}
