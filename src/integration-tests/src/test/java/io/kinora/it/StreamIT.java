package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.SseClient;
import io.kinora.it.support.Videos;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching videos: private access and signed links, library search, delete during an encode, the StreamForge
 * endpoints, live SSE progress with resume, downloads and HTTP range conformance, against the real server.
 */
class StreamIT extends AgainstTheServer {
    @TempDir
    static Path dir;

    static final Api api = Api.local();
    static String ownerToken;
    static Videos owner;
    /** A private, completed video of the owner, shared by the read-only tests. */
    static String privateId;
    static String adminToken;

    @BeforeAll
    static void privateVideo() {
        ownerToken = api.newUser("owner");
        owner = new Videos(api, ownerToken);
        adminToken = api.token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD);
        Path src = Media.generate(dir.resolve("private.mp4"), 640, 360, "25", 4, 2, true);
        privateId = owner.upload(src, "visibility=PRIVATE&title=Secret%20Garden&filename=private.mp4").getString("id");
        owner.awaitStatus(privateId, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        assertEquals("COMPLETED", owner.get(privateId).getString("status"));
    }

    static JsonObject json(String s) {
        try (var r = Json.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }

    static void assertProblem(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.json().getString("code"), r.toString());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
    }

    // --- 1. access and signed links

    @Test
    void privateVideoOnlyForOwnerAndAdmin() {
        String master = "/api/v1/videos/" + privateId + "/hls/master.m3u8";
        assertEquals(200, api.get(master, Api.bearer(ownerToken)).status());
        assertEquals(200, api.get(master, Api.bearer(adminToken)).status());
        String stranger = api.newUser("stranger");
        assertProblem(api.get(master, Api.bearer(stranger)), 404, "no-such-video");
        assertProblem(api.get(master), 404, "no-such-video");
        assertProblem(api.get("/api/v1/videos/" + privateId), 404, "no-such-video");
        assertProblem(api.get("/api/v1/videos/" + privateId + "/mp4/360p", Api.bearer(stranger)), 404, "no-such-video");
        assertProblem(api.postJson("/api/v1/videos/" + privateId + "/share", "", Api.bearer(stranger)), 404, "no-such-video");
        assertEquals(401, api.postJson("/api/v1/videos/" + privateId + "/share", "").status());
    }

    @Test
    void signedLinkPlaysUntilItExpires() {
        Api.Reply share = api.postJson("/api/v1/videos/" + privateId + "/share?ttlSeconds=3", "", Api.bearer(ownerToken));
        assertEquals(200, share.status(), share.toString());
        String url = share.json().getString("url");
        assertTrue(url.contains("?exp=") && url.contains("&sig="), url);
        // anonymous with the link: the master, every variant, init and segment it names, and the mp4
        Api.Reply master = api.get(url);
        assertEquals(200, master.status(), master.toString());
        List<String> variants = references(master.body());
        assertFalse(variants.isEmpty(), master.body());
        for (String v : variants) {
            assertTrue(v.contains("sig="), "variant reference signed: " + v);
            String variantUrl = URI.create(url).resolve(v).toString();
            Api.Reply playlist = api.get(variantUrl);
            assertEquals(200, playlist.status(), variantUrl + " " + playlist);
            List<String> files = references(playlist.body());
            assertTrue(playlist.body().contains("URI=\"") && files.size() > 1, playlist.body());
            for (String f : files) {
                assertTrue(f.contains("sig="), "segment reference signed: " + f);
                Api.Reply seg = api.get(URI.create(variantUrl).resolve(f).toString());
                assertEquals(200, seg.status(), f + " " + seg.status());
            }
        }
        String mp4 = share.json().getJsonObject("mp4").getString("360p");
        assertEquals(206, api.get(mp4, "Range", "bytes=0-99").status());
        String tampered = url.replaceAll("sig=.", "sig=" + (url.contains("sig=A") ? "B" : "A"));
        assertProblem(api.get(tampered), 403, "bad-signature");
        assertProblem(api.get(url.replaceAll("exp=\\d+", "exp=9999999999")), 403, "bad-signature");
        assertProblem(api.get(url.replace("/hls/master.m3u8", "/mp4/360p").replace(privateId, UUID.randomUUID().toString())),
                403, "bad-signature");
        long exp = Long.parseLong(url.replaceAll(".*exp=(\\d+).*", "$1"));
        while (System.currentTimeMillis() / 1000 < exp + 1) Videos.sleep(200);
        assertProblem(api.get(url), 403, "link-expired");
        assertProblem(api.get(mp4), 403, "link-expired");
    }

    /**
     * Media access is decided from a cached rule per video: a visibility change or a delete must still be honoured
     * by the very next request, well inside the cache's TTL.
     */
    @Test
    void mediaAccessFollowsVisibilityAndDeleteAtOnce() {
        String token = api.newUser("flip");
        Videos mine = new Videos(api, token);
        String id = mine.upload(Media.generate(dir.resolve("flip.mp4"), 320, 180, "25", 1, 1, false),
                "visibility=PUBLIC&title=Flip").getString("id");
        mine.awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        String master = "/api/v1/videos/" + id + "/hls/master.m3u8";
        String patch = "/api/v1/videos/" + id;
        assertEquals(200, api.get(master).status(), "public: anyone");
        assertEquals(200, api.send("PATCH", patch, "{\"visibility\":\"PRIVATE\"}", "application/json",
                Api.bearer(token)).status());
        assertProblem(api.get(master), 404, "no-such-video");
        assertEquals(200, api.get(master, Api.bearer(token)).status(), "private: still the owner's");
        String link = api.postJson(patch + "/share?ttlSeconds=60", "", Api.bearer(token)).json().getString("url");
        assertEquals(200, api.get(link).status());
        assertEquals(200, api.send("PATCH", patch, "{\"visibility\":\"UNLISTED\"}", "application/json",
                Api.bearer(token)).status());
        assertEquals(200, api.get(master).status(), "unlisted: anyone with the link");
        assertEquals(204, api.send("DELETE", patch, null, null, Api.bearer(token)).status());
        assertProblem(api.get(master, Api.bearer(token)), 404, "no-such-video");
        assertProblem(api.get(master), 404, "no-such-video");
        assertProblem(api.get(link), 404, "no-such-video");
    }

    @Test
    void shareRefusesAbsurdLifetimes() {
        for (String ttl : List.of("0", "-5", "99999999")) {
            assertProblem(api.postJson("/api/v1/videos/" + privateId + "/share?ttlSeconds=" + ttl, "", Api.bearer(ownerToken)),
                    400, "invalid-ttl");
        }
    }

    static List<String> references(String playlist) {
        List<String> refs = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            if (!l.startsWith("#")) refs.add(l);
            else if (l.contains("URI=\"")) refs.add(l.replaceAll(".*URI=\"([^\"]*)\".*", "$1"));
        }
        return refs;
    }

    // --- 2. listing, search, delete, downloads

    @Test
    void listAndSearch() {
        String token = api.newUser("lib");
        String tag = "zq" + UUID.randomUUID().toString().substring(0, 6);
        Videos mine = new Videos(api, token);
        Path a = Media.generate(dir.resolve("la.mp4"), 320, 180, "25", 1, 1, false);
        Path b = Media.generate(dir.resolve("lb.mp4"), 320, 180, "25", 1.2, 1, false);
        Path c = Media.generate(dir.resolve("lc.mp4"), 320, 180, "25", 1.4, 1, false);
        String pub = mine.upload(a, "visibility=PUBLIC&title=Alpha%20" + tag).getString("id");
        String priv = mine.upload(b, "visibility=PRIVATE&title=Bravo%20" + tag).getString("id");
        String unl = mine.upload(c, "visibility=UNLISTED&title=Charlie").getString("id");
        Api.Reply described = api.send("PATCH", "/api/v1/videos/" + unl, "{\"description\":\"about " + tag + "\"}",
                "application/json", Api.bearer(token));
        assertEquals(200, described.status(), "a description can be edited while the video encodes: " + described);

        Api.Reply own = api.get("/api/v1/videos?q=" + tag + "&sort=title&order=asc", Api.bearer(token));
        assertEquals(200, own.status(), own.toString());
        assertEquals(List.of(pub, priv, unl), ids(own), "q matches title and description, sorted by title");
        assertEquals("3", own.header("X-Total-Count").orElseThrow());
        Api.Reply page = api.get("/api/v1/videos?owner=me&sort=title&order=desc&limit=2", Api.bearer(token));
        assertEquals(List.of(unl, priv), ids(page));
        assertEquals("3", page.header("X-Total-Count").orElseThrow());
        assertTrue(page.header("Link").orElse("").contains("rel=\"next\""), page.headers().toString());
        assertEquals(List.of(unl), ids(api.get("/api/v1/videos?mine=true&sort=title&order=desc&offset=0&limit=1",
                Api.bearer(token))), "mine=true as before the search existed");
        assertEquals(List.of(priv), ids(api.get("/api/v1/videos?q=" + tag + "&visibility=private", Api.bearer(token))));
        assertEquals(List.of(pub), ids(api.get("/api/v1/videos?q=" + tag)), "anonymous: public only");
        String other = api.newUser("other");
        assertEquals(List.of(pub), ids(api.get("/api/v1/videos?q=" + tag, Api.bearer(other))), "others: public only");
        assertEquals(Set.of(pub, priv, unl), Set.copyOf(ids(api.get("/api/v1/videos?q=" + tag, Api.bearer(adminToken)))),
                "admin sees all");
        assertEquals(0, ids(api.get("/api/v1/videos?q=" + tag + "&status=FAILED", Api.bearer(token))).size());

        // every video names its owner, and anyone can list one person's public videos
        JsonObject listed = api.get("/api/v1/videos?q=" + tag).jsonArray().getJsonObject(0);
        JsonObject by = listed.getJsonObject("owner");
        assertEquals(api.get("/api/v1/users/me", Api.bearer(token)).json().getString("username"), by.getString("username"));
        assertEquals(by, api.get("/api/v1/videos/" + pub).json().getJsonObject("owner"), "the single video too");
        long ownerId = by.getJsonNumber("id").longValue();
        assertEquals(List.of(pub), ids(api.get("/api/v1/videos?visibility=PUBLIC&owner=" + ownerId)), "one person's public videos");
        assertEquals(List.of(pub), ids(api.get("/api/v1/videos?owner=" + ownerId, Api.bearer(other))), "not their private ones");

        assertProblem(api.get("/api/v1/videos?sort=size"), 400, "invalid-sort");
        assertProblem(api.get("/api/v1/videos?order=up"), 400, "invalid-order");
        assertProblem(api.get("/api/v1/videos?status=DONE"), 400, "invalid-status");
        assertProblem(api.get("/api/v1/videos?limit=1000"), 400, "invalid-paging");
        assertProblem(api.get("/api/v1/videos?owner=bob"), 400, "invalid-owner");
        assertProblem(api.get("/api/v1/videos?owner=me"), 401, "authentication-required");
        assertEquals(List.of(pub), ids(api.get("/api/v1/videos?q=%25_" + tag)), "punctuation only separates words");
        assertEquals(List.of(pub), ids(api.get("/api/v1/videos?q=ALPH%20" + tag.substring(0, 5))), "word prefixes, any case");
        assertEquals(0, ids(api.get("/api/v1/videos?q=" + tag + "x")).size(), "a longer word is no match");
    }

    @Test
    void editsWhileTheVideoEncodesNeitherFailNorGetLost() {
        String token = api.newUser("editor");
        Videos mine = new Videos(api, token);
        String id = mine.upload(Media.generate(dir.resolve("edited.mp4"), 640, 360, "25", 8, 2, true), "visibility=PRIVATE")
                .getString("id");
        // the job writes the same row all along (job started, probed, pieces planned, each rendition published)
        int edits = 0;
        String status = "";
        while (!Set.of("COMPLETED", "FAILED").contains(status) && edits < 400) {
            Api.Reply r = api.send("PATCH", "/api/v1/videos/" + id, "{\"title\":\"edit " + ++edits + "\"}",
                    "application/json", Api.bearer(token));
            assertEquals(200, r.status(), "edit " + edits + " during the encode: " + r);
            status = r.json().getString("status");
        }
        mine.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");
        JsonObject video = mine.get(id);
        assertEquals("COMPLETED", video.getString("status"), video.toString());
        assertEquals("edit " + edits, video.getString("title"), "the last edit stands");
        mine.awaitJob(video.getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2), "COMPLETED", "FAILED");
        assertEquals("edit " + edits, mine.get(id).getString("title"), "and the job's last steps did not undo it");
    }

    static List<String> ids(Api.Reply r) {
        assertEquals(200, r.status(), r.toString());
        return r.jsonArray().getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList();
    }

    @Test
    void deleteDuringEncodingStopsTheJobAndLeavesNothing() {
        String token = api.newUser("del");
        Videos mine = new Videos(api, token);
        Path src = Media.generate(dir.resolve("long.mp4"), 1280, 720, "25", 40, 2, true);
        String id = mine.upload(src, "visibility=PRIVATE").getString("id");
        long execution = awaitEncoding(mine, id);
        assertProblem(api.send("DELETE", "/api/v1/videos/" + id, null, null, Api.bearer(api.newUser("x"))), 404, "no-such-video");
        assertEquals(401, api.send("DELETE", "/api/v1/videos/" + id, null, null).status());

        Api.Reply del = api.send("DELETE", "/api/v1/videos/" + id, null, null, Api.bearer(token));
        assertEquals(204, del.status(), del.toString());
        assertProblem(api.get("/api/v1/videos/" + id, Api.bearer(token)), 404, "no-such-video");
        assertFalse(Files.exists(Videos.storedVideoDir(id)), "no object left under " + Videos.storedVideoDir(id));
        Videos admin = new Videos(api, adminToken);
        assertEquals("STOPPED", admin.job(execution).getString("status"));
        Videos.sleep(2000); // nothing written late by a partition
        assertFalse(Files.exists(Videos.storedVideoDir(id)), "still nothing after the job ended");
        assertProblem(api.send("DELETE", "/api/v1/videos/" + id, null, null, Api.bearer(token)), 404, "no-such-video");
    }

    /** Waits until the encode is really at work (pieces being encoded), returns its execution id. */
    static long awaitEncoding(Videos v, String id) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject video = v.get(id);
            if (video.containsKey("jobExecutionId") && !video.isNull("jobExecutionId")
                    && video.getJsonObject("progress").getJsonObject("piecesTotal").size() > 0) {
                return video.getJsonNumber("jobExecutionId").longValue();
            }
            Videos.sleep(100);
        }
        throw new AssertionError("encode did not start: " + v.get(id));
    }

    @Test
    void downloadsAreAttachments() {
        Api.Reply original = api.get("/api/v1/videos/" + privateId + "/download/original", Api.bearer(ownerToken));
        assertEquals(200, original.status(), original.toString());
        assertTrue(original.header("Content-Disposition").orElse("").startsWith("attachment; filename=\"private.mp4\""),
                original.headers().toString());
        Api.Reply rendition = api.get("/api/v1/videos/" + privateId + "/download/360p", Api.bearer(ownerToken));
        assertEquals(200, rendition.status());
        assertTrue(rendition.header("Content-Disposition").orElse("").contains("Secret Garden-360p.mp4"),
                rendition.headers().toString());
        assertProblem(api.get("/api/v1/videos/" + privateId + "/download/1080p", Api.bearer(ownerToken)), 404,
                "no-such-rendition");
        assertProblem(api.get("/api/v1/videos/" + privateId + "/download/original"), 404, "no-such-video");
    }

    // --- 3. StreamForge

    @Test
    void theOriginalCanBeDeletedOnceTheRenditionsArePublished() {
        Management.setSystemProperty("kinora.encode.keep-original", "false");
        try {
            Path src = Media.generate(dir.resolve("to-delete.mp4"), 320, 240, "25", 2, 1, true);
            JsonObject video = owner.upload(src, "visibility=PRIVATE&filename=to-delete.mp4");
            String id = video.getString("id");
            owner.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");
            // the original goes in the job's last step, after the pictures and the quality report
            owner.awaitJob(owner.get(id).getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2), "COMPLETED", "FAILED");
            assertEquals("COMPLETED", owner.get(id).getString("status"));
            assertProblem(api.get("/api/v1/videos/" + id + "/download/original", Api.bearer(ownerToken)), 404, "original-deleted");
            try (var objects = Files.list(Videos.storedVideoDir(id))) {
                List<String> left = objects.map(p -> p.getFileName().toString()).toList();
                assertFalse(left.stream().anyMatch(n -> n.startsWith("source")), "source object left: " + left);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            // what was published still plays
            Api.Reply mp4 = api.get("/api/v1/videos/" + id + "/mp4/240p", "Authorization", "Bearer " + ownerToken, "Range", "bytes=0-99");
            assertEquals(206, mp4.status(), mp4.toString());
        } finally {
            Management.removeSystemProperty("kinora.encode.keep-original");
        }
    }

    @Test
    void streamForgeJobsAndStream() {
        JsonObject job = api.get("/api/jobs/" + privateId, Api.bearer(ownerToken)).json();
        assertEquals(privateId, job.getString("id"));
        assertEquals("completed", job.getString("status"));
        assertEquals(100, job.getInt("progress"));
        JsonObject q360 = job.getJsonArray("qualities").getValuesAs(JsonObject.class).stream()
                .filter(q -> q.getString("quality").equals("360p")).findFirst().orElseThrow();
        assertTrue(q360.getString("url").endsWith("/api/stream/" + privateId + "/360p"), q360.toString());
        long execution = job.getJsonNumber("jobExecutionId").longValue();
        assertEquals(privateId, api.get("/api/jobs/" + execution, Api.bearer(ownerToken)).json().getString("videoId"));
        JsonObject status = api.get("/api/jobs/" + privateId + "/status", Api.bearer(ownerToken)).json();
        assertEquals("completed", status.getString("status"));
        assertProblem(api.get("/api/jobs/" + privateId), 404, "no-such-job");
        assertProblem(api.get("/api/jobs/" + UUID.randomUUID(), Api.bearer(ownerToken)), 404, "no-such-job");
        assertProblem(api.get("/api/jobs/999999999", Api.bearer(ownerToken)), 404, "no-such-job");

        Api.Reply range = api.get("/api/stream/" + privateId + "/360p", "Range", "bytes=10-19", "Authorization",
                "Bearer " + ownerToken);
        assertEquals(206, range.status());
        assertTrue(range.header("Content-Range").orElseThrow().startsWith("bytes 10-19/"));
        assertProblem(api.get("/api/stream/" + privateId + "/360p"), 404, "no-such-video");
        assertProblem(api.get("/api/stream/" + privateId + "/4320p", Api.bearer(ownerToken)), 404, "no-such-file");
        assertEquals(200, api.get("/api/health").status());
    }

    @Test
    void streamForgeDeleteRemovesTheJob() {
        String token = api.newUser("sfdel");
        String id = new Videos(api, token).upload(Media.generate(dir.resolve("sfdel.mp4"), 320, 180, "25", 1, 1, false), "")
                .getString("id");
        assertEquals(204, api.send("DELETE", "/api/jobs/" + id, null, null, Api.bearer(token)).status());
        assertProblem(api.get("/api/jobs/" + id + "/status", Api.bearer(token)), 404, "no-such-job");
        assertFalse(Files.exists(Videos.storedVideoDir(id)));
    }

    @Test
    void openApiDocumentsTheNewEndpoints() {
        JsonObject paths = api.get("/openapi", "Accept", "application/json").json().getJsonObject("paths");
        for (String p : List.of("/api/jobs/{id}", "/api/jobs/{id}/status", "/api/stream/{id}/{quality}",
                "/api/v1/videos/{id}/share", "/api/v1/videos/{id}/events", "/api/v1/events", "/api/v1/jobs",
                "/api/v1/videos/{id}/download/{rendition}")) {
            assertTrue(paths.containsKey(p), p + " in " + paths.keySet());
        }
    }

    // --- 4. live progress

    @Test
    void liveProgressOverSseWithResume() throws Exception {
        String token = api.newUser("sse");
        Videos mine = new Videos(api, token);
        try (SseClient all = new SseClient(api.base() + "/api/v1/events", null, Api.bearer(token))) {
            assertEquals(200, all.status);
            String id = mine.upload(Media.generate(dir.resolve("sse.mp4"), 640, 360, "25", 6, 2, true), "").getString("id");
            // the per-video stream, dropped after the first few events
            List<SseClient.Event> first;
            try (SseClient one = new SseClient(api.base() + "/api/v1/videos/" + id + "/events", null, Api.bearer(token))) {
                assertEquals(200, one.status);
                assertTrue(one.await(e -> e.size() >= 2, Duration.ofMinutes(2)), "first events: " + one.events);
                first = List.copyOf(one.events);
            }
            assertTrue(all.await(e -> e.stream().anyMatch(x -> x.data().contains("\"COMPLETED\"")), Duration.ofMinutes(5)),
                    "COMPLETED on the user's feed: " + all.events);
            assertIncreasing(all.events);
            int last = -1;
            for (SseClient.Event e : all.events) {
                if (!e.name().equals("progress")) continue;
                int p = json(e.data()).getInt("percent");
                assertTrue(p >= last, "percent never goes back: " + all.events);
                last = p;
            }
            assertEquals(100, last);
            List<String> states = states(all.events);
            assertTrue(states.indexOf("READY") >= 0 && states.indexOf("READY") < states.indexOf("COMPLETED"), states.toString());

            // reconnect after the drop: everything missed is replayed, no state change lost
            long lastSeen = first.get(first.size() - 1).id();
            try (SseClient resumed = new SseClient(api.base() + "/api/v1/videos/" + id + "/events",
                    Long.toString(lastSeen), Api.bearer(token))) {
                assertTrue(resumed.await(e -> states(e).contains("COMPLETED"), Duration.ofSeconds(10)), "" + resumed.events);
                assertIncreasing(resumed.events);
                assertTrue(resumed.events.get(0).id() > lastSeen);
                List<String> seen = new ArrayList<>(states(first));
                seen.addAll(states(resumed.events));
                assertEquals(states, seen, "first connection + resumed = every state change once");
            }
            // a stranger cannot listen
            assertEquals(404, new SseClient(api.base() + "/api/v1/videos/" + id + "/events", null,
                    Api.bearer(api.newUser("nosy"))).status);
            assertEquals(401, new SseClient(api.base() + "/api/v1/events", null).status);
        }
    }

    static List<String> states(List<SseClient.Event> events) {
        return events.stream().filter(e -> e.name().equals("status")).map(e -> json(e.data()).getString("status")).toList();
    }

    static void assertIncreasing(List<SseClient.Event> events) {
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).id() > events.get(i - 1).id(), "ids increase: " + events);
        }
    }

    // --- 5. jobs

    @Test
    void jobsListedPerUserWithPartitions() {
        long execution = owner.get(privateId).getJsonNumber("jobExecutionId").longValue();
        owner.awaitJob(execution, Duration.ofMinutes(2), "COMPLETED"); // the video completes before the job's last steps
        Api.Reply mine = api.get("/api/v1/jobs", Api.bearer(ownerToken));
        assertEquals(200, mine.status(), mine.toString());
        List<JsonObject> items = mine.jsonArray().getValuesAs(JsonObject.class);
        assertTrue(items.stream().anyMatch(j -> j.getJsonNumber("id").longValue() == execution
                && j.getString("videoId").equals(privateId) && j.getString("status").equals("COMPLETED")), items.toString());
        assertTrue(items.stream().allMatch(j -> j.getString("videoId").equals(privateId)), "only the owner's: " + items);
        assertEquals(0, api.get("/api/v1/jobs", Api.bearer(api.newUser("nojobs"))).jsonArray().size());
        Api.Reply all = api.get("/api/v1/jobs?status=COMPLETED&limit=100", Api.bearer(adminToken));
        assertTrue(Long.parseLong(all.header("X-Total-Count").orElseThrow()) >= 1);
        assertTrue(all.jsonArray().getValuesAs(JsonObject.class).stream().anyMatch(j -> j.getJsonNumber("id").longValue() == execution));
        assertProblem(api.get("/api/v1/jobs?status=DONE", Api.bearer(adminToken)), 400, "invalid-status");
        assertEquals(401, api.get("/api/v1/jobs").status());

        JsonObject encode = owner.job(execution).getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(st -> st.getString("name").equals("encode")).findFirst().orElseThrow();
        var partitions = encode.getJsonArray("partitions").getValuesAs(JsonObject.class);
        assertFalse(partitions.isEmpty(), encode.toString());
        assertTrue(partitions.stream().allMatch(p -> p.getString("status").equals("COMPLETED")), partitions.toString());
    }

    // --- 7. range conformance on the filesystem store

    @Test
    void rangeConformance() {
        String mp4 = "/api/v1/videos/" + privateId + "/mp4/360p";
        String[] auth = Api.bearer(ownerToken);
        Api.Reply full = assertRangeConformance(api, mp4, auth);
        assertTrue(full.header("Cache-Control").orElseThrow().startsWith("private"), "private video: private cache");
        assertEquals("no-store", api.get(mp4 + "?nocache=1", auth).header("Cache-Control").orElseThrow());
    }

    /**
     * RFC 9110 ranges and conditional requests on one stored file, whatever the store: 206 with Content-Range
     * (first-last, suffix, open, end clipped), 416 with bytes * /len, 304 on If-None-Match / If-Modified-Since,
     * If-Range, HEAD. Returns the plain 200 answer.
     */
    static Api.Reply assertRangeConformance(Api api, String mp4, String[] auth) {
        Api.Reply full = api.get(mp4, auth);
        assertEquals(200, full.status());
        long len = Long.parseLong(full.header("Content-Length").orElseThrow());
        String etag = full.header("ETag").orElseThrow();
        String lastModified = full.header("Last-Modified").orElseThrow();
        assertEquals("bytes", full.header("Accept-Ranges").orElseThrow());

        Api.Reply r = api.get(mp4, with(auth, "Range", "bytes=0-99"));
        assertEquals(206, r.status());
        assertEquals("bytes 0-99/" + len, r.header("Content-Range").orElseThrow());
        assertEquals("100", r.header("Content-Length").orElseThrow());
        r = api.get(mp4, with(auth, "Range", "bytes=-10"));
        assertEquals(206, r.status());
        assertEquals("bytes " + (len - 10) + "-" + (len - 1) + "/" + len, r.header("Content-Range").orElseThrow());
        r = api.get(mp4, with(auth, "Range", "bytes=" + (len - 5) + "-"));
        assertEquals(206, r.status());
        assertEquals("5", r.header("Content-Length").orElseThrow());
        r = api.get(mp4, with(auth, "Range", "bytes=" + (len - 5) + "-" + (len + 1000)));
        assertEquals("bytes " + (len - 5) + "-" + (len - 1) + "/" + len, r.header("Content-Range").orElseThrow(), "end clipped");
        r = api.get(mp4, with(auth, "Range", "bytes=" + len + "-"));
        assertEquals(416, r.status());
        assertEquals("bytes */" + len, r.header("Content-Range").orElseThrow());
        assertEquals(304, api.get(mp4, with(auth, "If-None-Match", etag)).status());
        assertEquals(200, api.get(mp4, with(auth, "If-None-Match", "\"other\"")).status());
        assertEquals(304, api.get(mp4, with(auth, "If-Modified-Since", lastModified)).status());
        r = api.get(mp4, with(auth, "Range", "bytes=0-9", "If-Range", etag));
        assertEquals(206, r.status(), "If-Range matches: the range");
        r = api.get(mp4, with(auth, "Range", "bytes=0-9", "If-Range", "\"stale\""));
        assertEquals(200, r.status(), "If-Range does not match: the whole file");
        assertEquals(Long.toString(len), r.header("Content-Length").orElseThrow());
        Api.Reply head = api.send("HEAD", mp4, null, null, auth);
        assertEquals(200, head.status());
        assertEquals(Long.toString(len), head.header("Content-Length").orElseThrow());
        assertEquals("", head.body());
        return full;
    }

    static String[] with(String[] a, String... more) {
        String[] r = new String[a.length + more.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }
}
