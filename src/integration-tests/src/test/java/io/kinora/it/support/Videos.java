package io.kinora.it.support;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Uploading, following and downloading videos through the public API. */
public final class Videos {
    private final Api api;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Waits (up to 5 min) for the video to end its encode and returns it; fails unless it is COMPLETED. */
    public JsonObject awaitCompleted(String id) {
        List<String> seen = awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        JsonObject video = get(id);
        org.junit.jupiter.api.Assertions.assertEquals("COMPLETED", video.getString("status"), "saw " + seen);
        return video;
    }

    /** The videos as the tests' administrator sees them on the server behind {@code api}. */
    public static Videos asAdmin(Api api) {
        return new Videos(api, api.token(Api.ADMIN, Api.ADMIN_PASSWORD));
    }

    public Videos(Api api, String token) {
        this.api = api;
        this.token = token;
    }

    public JsonObject upload(Path file, String query) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/videos?" + query))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "video/mp4")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 200) throw new AssertionError("upload: " + r.statusCode() + " " + r.body());
            return new Api.Reply(r.statusCode(), r.headers().map(), r.body()).json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonObject get(String id) {
        Api.Reply r = api.get("/api/v1/videos/" + id, Api.bearer(token));
        if (r.status() != 200) throw new AssertionError("get video: " + r);
        return r.json();
    }

    /** Polls until the video reaches one of the statuses; returns every distinct status seen, in order. */
    public List<String> awaitStatus(String id, Duration timeout, String... targets) {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String status = get(id).getString("status");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) seen.add(status);
            for (String t : targets) if (t.equals(status)) return seen;
            sleep(150);
        }
        throw new AssertionError("video " + id + " did not reach " + List.of(targets) + " in " + timeout + "; saw " + seen
                + " last: " + get(id));
    }

    public JsonObject job(long executionId) {
        Api.Reply r = api.get("/api/v1/jobs/" + executionId, Api.bearer(token));
        if (r.status() != 200) throw new AssertionError("get job: " + r);
        return r.json();
    }

    public JsonObject awaitJob(long executionId, Duration timeout, String... statuses) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject j = null;
        while (System.nanoTime() < deadline) {
            j = job(executionId);
            for (String s : statuses) if (s.equals(j.getString("status"))) return j;
            sleep(200);
        }
        throw new AssertionError("job " + executionId + " did not reach " + List.of(statuses) + ": " + j);
    }

    public Path download(String path, Path to) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : api.base() + path))
                    .header("Authorization", "Bearer " + token).build();
            HttpResponse<Path> r = http.send(req, HttpResponse.BodyHandlers.ofFile(to));
            if (r.statusCode() != 200) throw new AssertionError("download " + path + ": " + r.statusCode());
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SHA-256 of every rendition's progressive MP4, by rendition name. */
    public java.util.Map<String, String> renditionHashes(String id, Path dir) {
        java.util.Map<String, String> hashes = new java.util.LinkedHashMap<>();
        for (JsonObject r : get(id).getJsonArray("renditions").getValuesAs(JsonObject.class)) {
            String name = r.getString("name");
            hashes.put(name, Pieces.sha256(download(r.getJsonObject("links").getString("mp4"), dir.resolve(id + "-" + name + ".mp4"))));
        }
        return hashes;
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The objects Kinora stored for a video in the filesystem store of the test server. */
    public static Path storedVideoDir(String id) {
        return Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "objects", "videos", id);
    }
}
