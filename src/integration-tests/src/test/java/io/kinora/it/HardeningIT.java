package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Deployments;
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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: what an attacker or an unlucky operator found, each as the request that showed it. The tests that
 * guess passwords appear as distinct clients through X-Forwarded-For (the test server trusts it from loopback
 * and exempts loopback itself from limits).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HardeningIT {
    @Deployment(testable = false)
    static EnterpriseArchive deployment() { return Deployments.ear(); }

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
}
