package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Direct multipart upload on the filesystem store: the same client flow as presigned S3 parts. */
class DirectUploadIT extends AgainstTheServer {
    static final int PART = 5 * 1024 * 1024;

    private final Api api = Api.local();

    @Test
    void partsUploadedOutOfOrderAssembleIntoTheVideo() throws Exception {
        String token = api.newUser("direct");
        byte[] bytes = Files.readAllBytes(TestMedia.ffmpeg("mp4", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
                "-t", "5", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0"));
        assertTrue(bytes.length > PART, "needs two parts: " + bytes.length);
        Api.Reply s = api.postJson("/api/v1/direct-uploads", "{\"filename\":\"direct.mp4\",\"size\":" + bytes.length + "}", Api.bearer(token));
        assertEquals(201, s.status(), s.toString());
        String id = s.json().getString("id");
        byte[][] parts = {Arrays.copyOfRange(bytes, 0, PART), Arrays.copyOfRange(bytes, PART, bytes.length)};
        JsonArrayBuilder done = Json.createArrayBuilder();
        for (int n = 2; n >= 1; n--) {
            JsonObject url = api.get("/api/v1/direct-uploads/" + id + "/parts/" + n + "/url", Api.bearer(token)).json();
            assertEquals("PUT", url.getString("method"));
            Api.Reply put = url.getBoolean("bearer")
                    ? api.sendBytes("PUT", url.getString("url"), parts[n - 1], "application/octet-stream", Api.bearer(token))
                    : api.sendBytes("PUT", url.getString("url"), parts[n - 1], "application/octet-stream");
            assertEquals(200, put.status(), put.toString());
        }
        var listed = api.get("/api/v1/direct-uploads/" + id + "/parts", Api.bearer(token)).jsonArray();
        assertEquals(2, listed.size());
        listed.forEach(p -> done.add(Json.createObjectBuilder().add("partNumber", p.asJsonObject().getInt("partNumber"))
                .add("etag", p.asJsonObject().getString("etag"))));
        Api.Reply c = api.postJson("/api/v1/direct-uploads/" + id + "/complete",
                Json.createObjectBuilder().add("parts", done).build().toString(), Api.bearer(token));
        assertEquals(201, c.status(), c.toString());
        JsonObject v = api.get("/api/v1/videos/" + c.json().getString("videoId"), Api.bearer(token)).json();
        assertEquals(TestMedia.sha256(bytes), v.getJsonObject("source").getString("sha256"));
        assertEquals(404, api.get("/api/v1/direct-uploads/" + id + "/parts", Api.bearer(token)).status(), "session is finished");
    }

    @Test
    void abortThenGoneAndRejectedContentLeavesNoVideo() throws Exception {
        String token = api.newUser("direct");
        String id = api.postJson("/api/v1/direct-uploads", "{\"filename\":\"x.mp4\"}", Api.bearer(token)).json().getString("id");
        assertEquals(204, api.send("DELETE", "/api/v1/direct-uploads/" + id, (String) null, null, Api.bearer(token)).status());
        assertEquals(404, api.get("/api/v1/direct-uploads/" + id + "/parts", Api.bearer(token)).status());

        String id2 = api.postJson("/api/v1/direct-uploads", "{\"filename\":\"junk.mp4\"}", Api.bearer(token)).json().getString("id");
        Api.Reply put = api.sendBytes("PUT", "/api/v1/direct-uploads/" + id2 + "/parts/1", new byte[5000], "application/octet-stream", Api.bearer(token));
        assertEquals(200, put.status(), put.toString());
        Api.Reply c = api.postJson("/api/v1/direct-uploads/" + id2 + "/complete",
                "{\"parts\":[{\"partNumber\":1,\"etag\":\"" + put.json().getString("etag") + "\"}]}", Api.bearer(token));
        assertEquals(422, c.status(), c.toString());
        assertEquals(0, api.get("/api/v1/videos?mine=true", Api.bearer(token)).jsonArray().size());
        assertEquals(400, api.postJson("/api/v1/direct-uploads", "{\"visibility\":\"nope\"}", Api.bearer(token)).status());
    }
}
