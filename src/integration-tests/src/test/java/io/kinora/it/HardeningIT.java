package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: what an attacker or an unlucky operator found, each as the request that showed it. The tests that
 * guess passwords appear as distinct clients through X-Forwarded-For (the test server trusts it from loopback
 * and exempts loopback itself from limits).
 */
class HardeningIT extends AgainstTheServer {
    @TempDir
    static Path dir;

    static final Api api = Api.local();
    static String ownerToken;
    static String publicId;

    @BeforeAll
    static void publicVideo() {
        ownerToken = api.newUser("hard");
        Videos v = new Videos(api, ownerToken);
        publicId = v.upload(Media.generate(dir.resolve("pub.mp4"), 320, 180, "25", 2, 1, true), "visibility=PUBLIC")
                .getString("id");
        v.awaitStatus(publicId, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        v.awaitJob(v.get(publicId).getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2), "COMPLETED", "FAILED");
    }

    static String[] client() {
        return new String[] {"X-Forwarded-For", "198.18." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255)};
    }

    static String[] join(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    static void assertProblem(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/problem+json"), r.headers() + " " + r.body());
        assertEquals(code, r.json().getString("code"), r.body());
        assertFalse(r.body().contains("RESTEASY"), r.body());
    }

    record User(String name, String password) {
        String token() { return api.token(name, password); }
    }

    static User register(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + name + "-long";
        Api.Reply r = api.postJson("/api/v1/users", Api.credentials(name, password));
        assertEquals(201, r.status(), r.toString());
        return new User(name, password);
    }

    // ---- 1. password guessing through HTTP Basic (and the token endpoint) share one limiter -------------------

    @Test
    void basicCredentialsCannotBeGuessed() {
        User u = register("guess");
        String[] me = client();
        for (int i = 0; i < 30; i++) {
            Api.Reply r = api.get("/api/v1/users/me", join(Api.basic(u.name(), "wrong-password-" + i), me));
            assertTrue(r.status() == 401 || r.status() == 429, r.toString());
        }
        Api.Reply right = api.get("/api/v1/users/me", join(Api.basic(u.name(), u.password()), me));
        assertProblem(right, 429, "too-many-attempts");
        assertTrue(Long.parseLong(right.header("Retry-After").orElseThrow()) >= 1, right.headers().toString());
        // the same account through the token endpoint, from another client: the account is locked for everyone
        Api.Reply token = api.postJson("/api/v1/auth/token", Api.credentials(u.name(), u.password()), client());
        assertProblem(token, 429, "too-many-attempts");
        // an account that does not exist looks the same after the same guesses
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String[] other = client();
        for (int i = 0; i < 30; i++) api.get("/api/v1/users/me", join(Api.basic(ghost, "wrong-password-" + i), other));
        Api.Reply ghostReply = api.get("/api/v1/users/me", join(Api.basic(ghost, "whatever-123"), other));
        assertEquals(right.status(), ghostReply.status());
        assertEquals(right.json().getString("code"), ghostReply.json().getString("code"));
        assertEquals(right.json().getString("detail"), ghostReply.json().getString("detail"));
    }

    // ---- 2. range numbers that overflow a long -----------------------------------------------------------------

    @Test
    void overflowingRangesAreNeverA500() {
        String base = "/api/v1/videos/" + publicId;
        List<String> paths = List.of(base + "/mp4/144p", base + "/hls/master.m3u8", base + "/thumbs/poster.jpg",
                base + "/download/144p", "/api/stream/" + publicId + "/144p");
        for (String path : paths) {
            long length = Long.parseLong(api.get(path).header("Content-Length").orElseThrow());
            Api.Reply closed = api.get(path, "Range", "bytes=0-99999999999999999999");
            assertEquals(206, closed.status(), path + " " + closed);
            assertEquals("bytes 0-" + (length - 1) + "/" + length, closed.header("Content-Range").orElseThrow());
            Api.Reply suffix = api.get(path, "Range", "bytes=-99999999999999999999");
            assertEquals(206, suffix.status(), path + " " + suffix);
            assertEquals("bytes 0-" + (length - 1) + "/" + length, suffix.header("Content-Range").orElseThrow());
            Api.Reply open = api.get(path, "Range", "bytes=99999999999999999999-");
            assertEquals(416, open.status(), path + " " + open);
            assertEquals("bytes */" + length, open.header("Content-Range").orElseThrow());
        }
    }

    // ---- 3. request body limit ---------------------------------------------------------------------------------

    @Test
    void largeJsonBodiesAreRefusedBeforeReading() {
        byte[] big = ("{\"username\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"password\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        assertProblem(api.sendBytes("POST", "/api/v1/auth/token", big, "application/json", client()), 413, "body-too-large");
        // without Content-Length (chunked): refused once the limit is passed
        InputStream chunked = new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(big))));
        Api.Reply r = api.sendBody("POST", "/api/v1/auth/token", HttpRequest.BodyPublishers.ofInputStream(() -> chunked),
                "application/json", client());
        assertProblem(r, 413, "body-too-large");
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos());
        // a small one still works
        assertProblem(api.postJson("/api/v1/auth/token", Api.credentials("nobody-x", "nothing-123"), client()), 401,
                "invalid-credentials");
    }

    /**
     * Found by JsonBodyFuzzTest: WildFly's JSON-P (Parsson 1.1.7) spins forever when JSON-B skips an unknown property
     * whose array or object never closes: one anonymous 6-byte request pinned a CPU core for good.
     */
    @Test
    void unclosedJsonIsAProblemNotAHang() {
        long t0 = System.nanoTime();
        assertProblem(api.postJson("/api/v1/auth/token", "{\"x\":[", client()), 400, "malformed-json");
        assertProblem(api.postJson("/api/v1/users", "{\"username\":\"a\",\"x\":{\"y\":", client()), 400, "malformed-json");
        assertProblem(api.postJson("/api/v1/auth/token", "[".repeat(100) + "]".repeat(100), client()), 400, "malformed-json");
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
    }

    // ---- 5. tokens die with a password change, sign-out-everywhere, disabling; accounts can be deleted ----------

    @Test
    void passwordChangeRevokesOlderTokens() {
        User u = register("pwchange");
        String old = u.token();
        Api.Reply change = api.send("PUT", "/api/v1/users/me/password",
                "{\"currentPassword\":\"" + u.password() + "\",\"newPassword\":\"another-password-1\"}", "application/json",
                Api.bearer(old));
        assertEquals(204, change.status(), change.toString());
        assertProblem(api.get("/api/v1/users/me", Api.bearer(old)), 401, "invalid-token");
        String fresh = api.token(u.name(), "another-password-1");
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(fresh)).status());
    }

    @Test
    void signOutEverywhere() {
        User u = register("signout");
        String a = u.token(), b = u.token();
        assertEquals(204, api.send("POST", "/api/v1/users/me/sign-out-everywhere", null, null, Api.bearer(a)).status());
        assertProblem(api.get("/api/v1/users/me", Api.bearer(b)), 401, "invalid-token");
        // the admin's version, for someone else
        User v = register("signout2");
        String t = v.token();
        long id = api.get("/api/v1/users/me", Api.bearer(t)).json().getJsonNumber("id").longValue();
        String admin = api.token(Api.ADMIN, Api.ADMIN_PASSWORD);
        assertEquals(204, api.send("POST", "/api/v1/admin/users/" + id + "/sign-out-everywhere", null, null,
                Api.bearer(admin)).status());
        assertProblem(api.get("/api/v1/users/me", Api.bearer(t)), 401, "invalid-token");
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(v.token())).status());
        // not for ordinary users
        assertProblem(api.send("POST", "/api/v1/admin/users/" + id + "/sign-out-everywhere", null, null,
                Api.bearer(v.token())), 403, "forbidden");
    }

    @Test
    void adminDisablesAnAccount() {
        User u = register("disable");
        String t = u.token();
        long id = api.get("/api/v1/users/me", Api.bearer(t)).json().getJsonNumber("id").longValue();
        String admin = api.token(Api.ADMIN, Api.ADMIN_PASSWORD);
        Api.Reply r = api.send("PATCH", "/api/v1/admin/users/" + id, "{\"enabled\":false}", "application/json",
                Api.bearer(admin));
        assertEquals(200, r.status(), r.toString());
        assertFalse(r.json().getBoolean("enabled"));
        assertProblem(api.get("/api/v1/users/me", Api.bearer(t)), 401, "invalid-token");
        assertProblem(api.get("/api/v1/users/me", Api.basic(u.name(), u.password())), 401, "invalid-credentials");
        assertProblem(api.postJson("/api/v1/auth/token", Api.credentials(u.name(), u.password())), 401, "invalid-credentials");
        assertEquals(200, api.send("PATCH", "/api/v1/admin/users/" + id, "{\"enabled\":true}", "application/json",
                Api.bearer(admin)).status());
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(u.token())).status());
    }

    @Test
    void userDeletesOwnAccountAndVideos() {
        User u = register("leaver");
        String t = u.token();
        Videos v = new Videos(api, t);
        String id = v.upload(Media.generate(dir.resolve("leaver.mp4"), 160, 90, "25", 1, 1, false), "visibility=PUBLIC")
                .getString("id");
        v.awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "READY", "FAILED");
        assertProblem(api.send("DELETE", "/api/v1/users/me", "{\"password\":\"wrong-password-1\"}", "application/json",
                Api.bearer(t)), 403, "wrong-current-password");
        Api.Reply del = api.send("DELETE", "/api/v1/users/me", "{\"password\":\"" + u.password() + "\"}", "application/json",
                Api.bearer(t));
        assertEquals(204, del.status(), del.toString());
        assertEquals(404, api.get("/api/v1/videos/" + id).status());
        assertEquals(401, api.get("/api/v1/users/me", Api.bearer(t)).status());
        assertProblem(api.postJson("/api/v1/auth/token", Api.credentials(u.name(), u.password())), 401, "invalid-credentials");
    }

    // ---- 6. IPv4-translated IPv6 and friends -------------------------------------------------------------------

    @Test
    void embeddedIpv4InIpv6IsClassifiedByTheIpv4() {
        String t = api.newUser("ssrf");
        for (String url : List.of("http://[::ffff:0:127.0.0.1]:18080/", "http://[64:ff9b:1::7f00:1]/",
                "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/")) {
            assertProblem(api.postJson("/api/v1/webhooks", "{\"url\":\"" + url + "\"}", Api.bearer(t)), 400,
                    "webhook-address-not-allowed");
            assertProblem(api.postJson("/api/v1/videos/import", "{\"url\":\"" + url + "\"}", Api.bearer(t)), 400,
                    "import-address-not-allowed");
        }
        // found by UrlPolicyFuzzTest: the JDK's URI parser threw NumberFormatException here (500)
        String huge = "http://[::ffff:5555555555555555555555555555555539.0.0.1]/";
        assertProblem(api.postJson("/api/v1/webhooks", "{\"url\":\"" + huge + "\"}", Api.bearer(t)), 400, "webhook-invalid-url");
        assertProblem(api.postJson("/api/v1/videos/import", "{\"url\":\"" + huge + "\"}", Api.bearer(t)), 400, "import-invalid-url");
    }

    // ---- 7. no server paths, health details for admins ---------------------------------------------------------

    static final Pattern ABSOLUTE_PATH = Pattern.compile("(^|[\\s\"(:=])/[\\w.-]+/");

    @Test
    void anonymousHealthSaysUpOrDownOnly() {
        Api.Reply anon = api.get("/api/health");
        assertEquals(200, anon.status(), anon.toString());
        JsonObject checks = anon.json().getJsonObject("checks");
        assertEquals("UP", checks.getJsonObject("storage").getString("status"));
        for (String name : checks.keySet()) {
            assertFalse(checks.getJsonObject(name).containsKey("detail"), anon.body());
        }
        assertFalse(anon.body().toLowerCase().contains("ffmpeg "), anon.body());
        Api.Reply admin = api.get("/api/health", Api.bearer(api.token(Api.ADMIN, Api.ADMIN_PASSWORD)));
        assertTrue(admin.json().getJsonObject("checks").getJsonObject("ffmpeg").getString("detail").contains("FFmpeg"),
                admin.body());
        assertFalse(ABSOLUTE_PATH.matcher(admin.body()).find(), admin.body());
    }

    @Test
    void rejectedMediaDoesNotShowServerPaths() {
        Api.Reply r = api.sendBytes("POST", "/api/v1/videos?filename=notes.mp4",
                "this is plain text, not a video at all, and it is long enough to probe".getBytes(), "video/mp4",
                Api.bearer(ownerToken));
        assertEquals(422, r.status(), r.toString());
        assertFalse(ABSOLUTE_PATH.matcher(r.json().getString("detail")).find(), r.body());
    }

    // ---- 8. every error is problem+json ------------------------------------------------------------------------

    @Test
    void malformedContentTypeIsAProblem() {
        assertProblem(api.send("POST", "/api/v1/auth/token", "{}", "application/json;;;===", client()), 400,
                "malformed-content-type");
        Api.Reply tus = api.send("POST", "/api/v1/uploads", "", "///", "Tus-Resumable", "1.0.0", "Upload-Length", "10",
                "Authorization", "Bearer " + ownerToken);
        assertProblem(tus, 400, "malformed-content-type");
        assertEquals("1.0.0", tus.header("Tus-Resumable").orElse(null), tus.headers().toString());
        // an answer of the framework on the tus endpoint: problem+json, Tus-Resumable, Allow
        Api.Reply put = api.send("PUT", "/api/v1/uploads/nope", "x", "application/offset+octet-stream",
                "Tus-Resumable", "1.0.0", "Authorization", "Bearer " + ownerToken);
        assertProblem(put, 405, "method-not-allowed");
        assertEquals("1.0.0", put.header("Tus-Resumable").orElse(null), put.headers().toString());
        assertTrue(put.header("Allow").isPresent(), put.headers().toString());
    }

    @Test
    void badNumericParametersAreProblems() {
        assertProblem(api.get("/api/v1/videos?limit=abc", Api.bearer(ownerToken)), 400, "invalid-parameter");
        String admin = api.token(Api.ADMIN, Api.ADMIN_PASSWORD);
        assertProblem(api.get("/api/v1/jobs/abc", Api.bearer(admin)), 400, "invalid-parameter");
        assertProblem(api.get("/api/v1/no-such-thing"), 404, "not-found");
    }

    // ---- 9. RFC 9110 details -----------------------------------------------------------------------------------

    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    @Test
    void conditionalRequestsFollowRfc9110() {
        String path = "/api/v1/videos/" + publicId + "/mp4/144p";
        Api.Reply full = api.get(path);
        String lastModified = full.header("Last-Modified").orElseThrow();
        String future = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusDays(2));
        assertEquals(200, api.get(path, "If-Modified-Since", future).status(), "a future date is ignored");
        assertEquals(304, api.get(path, "If-Modified-Since", lastModified).status());
        String later = HTTP_DATE.format(ZonedDateTime.parse(lastModified, HTTP_DATE).plusSeconds(1));
        assertEquals(200, api.get(path, "Range", "bytes=0-9", "If-Range", later).status(), "not exactly Last-Modified");
        assertEquals(206, api.get(path, "Range", "bytes=0-9", "If-Range", lastModified).status());
    }

    @Test
    void emptyTusMetadataPairsAreRefused() {
        Api.Reply r = api.send("POST", "/api/v1/uploads", null, null, "Tus-Resumable", "1.0.0", "Upload-Length", "10",
                "Upload-Metadata", ",,,", "Authorization", "Bearer " + ownerToken);
        assertProblem(r, 400, "invalid-metadata");
        assertEquals("1.0.0", r.header("Tus-Resumable").orElse(null));
    }

    @Test
    void openapiNeverCombinesWildcardOriginWithCredentials() {
        Api.Reply r = api.get("/openapi", "Origin", "https://evil.example");
        assertEquals(200, r.status());
        boolean wildcard = r.header("Access-Control-Allow-Origin").map("*"::equals).orElse(false);
        boolean credentials = r.header("Access-Control-Allow-Credentials").map("true"::equalsIgnoreCase).orElse(false);
        assertFalse(wildcard && credentials, r.headers().toString());
        assertFalse(credentials, "a public document needs no credentials: " + r.headers());
    }

    // ---- 4. security headers on every page -------------------------------------------------------------------

    /** Before: only frame-ancestors (and X-Frame-Options); no script policy, nosniff, referrer or permissions policy. */
    @Test
    void securityHeadersOnEveryPage() {
        for (String page : List.of("/", "/admin/", "/watch/" + publicId, "/embed/" + publicId, "/no-such-page",
                "/api/v1/videos/" + publicId, "/js/app.js", "/api/v1/videos/" + publicId + "/thumbs/poster.jpg")) {
            Api.Reply r = api.get(page);
            String csp = r.header("Content-Security-Policy").orElse("");
            List<String> directives = java.util.Arrays.stream(csp.split(";")).map(String::strip).toList();
            assertTrue(directives.contains("script-src 'self'"), page + ": " + csp);
            assertTrue(directives.contains("default-src 'self'") && directives.contains("object-src 'none'")
                    && directives.contains("base-uri 'self'"), page + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), page + ": " + csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options").orElse(null), page);
            assertEquals("strict-origin-when-cross-origin", r.header("Referrer-Policy").orElse(null), page);
            assertTrue(r.header("Permissions-Policy").orElse("").contains("camera=()"), page + ": " + r.headers());
            assertTrue(r.header("Strict-Transport-Security").isEmpty(), "no HSTS unless configured: " + page);
            if (page.startsWith("/embed/")) {
                assertTrue(r.header("X-Frame-Options").isEmpty(), "embeds stay frameable");
            } else {
                assertTrue(directives.contains("frame-ancestors 'self'"), page + ": " + csp);
                assertEquals("SAMEORIGIN", r.header("X-Frame-Options").orElse(null), page);
            }
        }
        // the pages work under the policy: no inline script, event handler attribute or style attribute in them
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*application/json)[^>]*>|\\son[a-z]+\\s*=|\\sstyle\\s*=|<style",
                Pattern.CASE_INSENSITIVE);
        for (String page : List.of("/", "/admin/", "/watch/" + publicId, "/embed/" + publicId)) {
            String html = api.get(page).body();
            assertFalse(inline.matcher(html).find(), page + " has inline script or style: " + html);
        }
        io.kinora.it.support.Management.setSystemProperty("kinora.http.hsts", "max-age=31536000");
        try {
            assertEquals("max-age=31536000", api.get("/").header("Strict-Transport-Security").orElse(null));
        } finally {
            io.kinora.it.support.Management.removeSystemProperty("kinora.http.hsts");
        }
    }

    // ---- 11. tus completion happens after the last PATCH's answer ----------------------------------------------

    static Api.Reply tusCreate(String token, long length) {
        Api.Reply c = api.send("POST", "/api/v1/uploads", null, null, "Authorization", "Bearer " + token,
                "Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(length),
                "Upload-Metadata", "filename " + java.util.Base64.getEncoder().encodeToString("x.mp4".getBytes()));
        assertEquals(201, c.status(), c.toString());
        return c;
    }

    static Api.Reply tusPatch(String token, String url, long offset, byte[] body, String... extra) {
        return api.sendBytes("PATCH", url, body, "application/offset+octet-stream", join(new String[] {
                "Authorization", "Bearer " + token, "Tus-Resumable", "1.0.0", "Upload-Offset", Long.toString(offset)}, extra));
    }

    /** Before: the last PATCH hashed, probed and copied inside the request and answered 422 for junk. */
    @Test
    void tusRejectionReachesTheOwnerAfterTheLastPatch() throws Exception {
        String token = api.newUser("tuslate");
        List<String> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        io.kinora.it.support.Management.setSystemProperty("kinora.import.allowed-hosts", "127.0.0.1");
        try (io.kinora.it.support.SseClient sse = new io.kinora.it.support.SseClient(api.base() + "/api/v1/events", null,
                io.kinora.it.support.Api.bearer(token))) {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            assertEquals(201, api.postJson("/api/v1/webhooks", "{\"url\":\"" + hook + "\"}", Api.bearer(token)).status());
            byte[] junk = new byte[300_000];
            new java.util.Random(19).nextBytes(junk);
            String url = tusCreate(token, junk.length).header("Location").orElseThrow();
            Api.Reply last = tusPatch(token, url, 0, junk);
            assertEquals(204, last.status(), "answered before validation: " + last);
            String id = last.header("X-Kinora-Video-Id").orElseThrow(() -> new AssertionError("no video id: " + last.headers()));
            Videos videos = new Videos(api, token);
            videos.awaitStatus(id, Duration.ofSeconds(60), "FAILED");
            JsonObject failed = videos.get(id);
            String code = failed.getJsonObject("failure").getString("code");
            assertTrue(List.of("not-a-video", "unsupported-container").contains(code), failed.toString());
            assertTrue(sse.await(events -> events.stream().anyMatch(e -> e.data().contains(id) && e.data().contains("\"FAILED\"")),
                    Duration.ofSeconds(10)), "a FAILED status event on SSE: " + sse.events);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (hooks.stream().noneMatch(h -> h.contains(id) && h.contains("video.failed")) && System.nanoTime() < deadline) {
                Videos.sleep(200);
            }
            assertTrue(hooks.stream().anyMatch(h -> h.contains(id) && h.contains("video.failed")), "webhook video.failed: " + hooks);
            assertEquals(404, api.send("HEAD", url, null, null, "Authorization", "Bearer " + token, "Tus-Resumable", "1.0.0").status(),
                    "the refused upload is gone");
            assertFalse(java.nio.file.Files.exists(Videos.storedVideoDir(id).resolve("source")), "no original stored");
        } finally {
            io.kinora.it.support.Management.removeSystemProperty("kinora.import.allowed-hosts");
            receiver.stop(0);
        }
    }

    /**
     * The SHA-256 runs along the PATCHes (plain and checksummed) and the finished file is renamed into the store.
     * Before: the original was a copy (another inode) of the upload's data file.
     */
    @Test
    void tusCompletionHashesAlongAndMovesTheFile() throws Exception {
        String token = api.newUser("tusmove");
        byte[] video = java.nio.file.Files.readAllBytes(Media.generate(dir.resolve("tusmove.mp4"), 320, 180, "25", 2, 1, true));
        int half = video.length / 2;
        String url = tusCreate(token, video.length).header("Location").orElseThrow();
        assertEquals(204, tusPatch(token, url, 0, java.util.Arrays.copyOf(video, half)).status());
        byte[] rest = java.util.Arrays.copyOfRange(video, half, video.length);
        String sha1 = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1").digest(rest));
        Path data = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "uploads", "tus",
                url.substring(url.lastIndexOf('/') + 1), "data");
        Object inode = java.nio.file.Files.getAttribute(data, "unix:ino");
        Api.Reply last = tusPatch(token, url, half, rest, "Upload-Checksum", "sha1 " + sha1);
        assertEquals(204, last.status(), last.toString());
        String id = last.header("X-Kinora-Video-Id").orElseThrow();
        Videos videos = new Videos(api, token);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Path stored = Videos.storedVideoDir(id).resolve("source");
        while (!java.nio.file.Files.exists(stored) && System.nanoTime() < deadline) Videos.sleep(100);
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(video));
        assertEquals(expected, videos.get(id).getJsonObject("source").getString("sha256"), "digest kept along the PATCHes");
        assertEquals(inode, java.nio.file.Files.getAttribute(stored, "unix:ino"),
                "the upload's file was renamed into the store, not copied");
        videos.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");
        assertEquals("COMPLETED", videos.get(id).getString("status"));
        videos.awaitJob(videos.get(id).getJsonNumber("jobExecutionId").longValue(), Duration.ofMinutes(2), "COMPLETED", "FAILED");
    }
}
