package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Deployments;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.NodeScript;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
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
 * Kinora used from other sites: CORS on media and the API, the /embed/{id} player in a foreign iframe, oEmbed and
 * the watch page's discovery and link-preview tags, and framing refused everywhere else. The browser part runs
 * src/test/node/embed-scenario.cjs (a foreign origin on a port the OS picks, the Debian chromium).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmbedIT {
    @Deployment(testable = false)
    static EnterpriseArchive deployment() { return Deployments.earWithDrills(); }

    @TempDir
    static Path dir;

    static final Api api = Api.local();
    static final String FOREIGN = "http://127.0.0.1:1";
    static String ownerToken, ownerName, publicId, privateId, rendition;
    static Videos owner;

    @BeforeAll
    static void videos() {
        ownerName = "embed-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.postJson("/api/v1/users", Api.credentials(ownerName, "pw-" + ownerName + "-long")).status());
        ownerToken = api.token(ownerName, "pw-" + ownerName + "-long");
        owner = new Videos(api, ownerToken);
        // 640x360: two renditions to switch between; 10 s so that start=3 is well inside
        Path pub = Media.generate(dir.resolve("public.mp4"), 640, 360, "25", 10, 2, true);
        publicId = owner.upload(pub, "visibility=PUBLIC&title=" + enc("Harbour <at> \"dawn\"") + "&filename=public.mp4").getString("id");
        Path priv = Media.generate(dir.resolve("private.mp4"), 480, 360, "25", 6, 2, true);
        privateId = owner.upload(priv, "visibility=PRIVATE&title=Private%20one&filename=private.mp4").getString("id");
        owner.awaitStatus(publicId, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        owner.awaitStatus(privateId, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        assertEquals("COMPLETED", owner.get(publicId).getString("status"));
        assertEquals("COMPLETED", owner.get(privateId).getString("status"));
        rendition = owner.get(publicId).getJsonArray("renditions").getJsonObject(0).getString("name");
        Api.Reply captions = api.send("PUT", "/api/v1/videos/" + publicId + "/captions/en",
                "WEBVTT\n\n00:00.000 --> 00:10.000\nHello from the harbour\n", "text/vtt", Api.bearer(ownerToken));
        assertTrue(captions.status() / 100 == 2, captions.toString());
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static String master(String id) { return "/api/v1/videos/" + id + "/hls/master.m3u8"; }

    static void assertProblem(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        assertEquals(code, r.json().getString("code"), r.toString());
    }

    // ---- CORS -------------------------------------------------------------------------------------------------

    @Test
    void preflightWithRangeIsAnsweredForMedia() {
        for (String path : List.of(master(publicId), "/api/v1/videos/" + publicId + "/mp4/" + rendition,
                "/api/v1/videos/" + publicId + "/thumbs/storyboard.vtt", "/api/stream/" + publicId + "/" + rendition)) {
            Api.Reply r = api.send("OPTIONS", path, null, null, "Origin", FOREIGN,
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "range, if-none-match");
            assertEquals(204, r.status(), path + " " + r);
            assertEquals("*", r.header("Access-Control-Allow-Origin").orElse(null), path);
            assertTrue(r.header("Access-Control-Allow-Methods").orElse("").contains("GET"), path);
            assertTrue(r.header("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("range"), path);
            assertTrue(r.header("Access-Control-Allow-Credentials").isEmpty(), "never credentials with *");
        }
        // a preflight for a write or an unexpected header is refused with a code
        assertProblem(api.send("OPTIONS", master(publicId), null, null, "Origin", FOREIGN,
                "Access-Control-Request-Method", "DELETE"), 403, "cors-method-not-allowed");
        assertProblem(api.send("OPTIONS", master(publicId), null, null, "Origin", FOREIGN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"), 403, "cors-header-not-allowed");
    }

    @Test
    void publicAndSignedMediaAreOpenWithExposedHeaders() {
        String mp4 = "/api/v1/videos/" + publicId + "/mp4/" + rendition;
        Api.Reply r = api.get(mp4, "Origin", FOREIGN, "Range", "bytes=0-99");
        assertEquals(206, r.status());
        assertEquals("*", r.header("Access-Control-Allow-Origin").orElse(null));
        Set<String> exposed = Set.of(r.header("Access-Control-Expose-Headers").orElse("").toLowerCase().split("\\s*,\\s*"));
        assertTrue(exposed.containsAll(Set.of("content-range", "content-length", "accept-ranges", "etag")), exposed.toString());
        // the same answer for every origin (and none): shared caches need no Vary
        assertFalse(r.header("Vary").orElse("").contains("Origin"));
        assertEquals("*", api.get(master(publicId)).header("Access-Control-Allow-Origin").orElse(null));
        for (String file : List.of("thumbs/poster.jpg", "thumbs/storyboard.vtt", "hls/" + rendition + "/index.m3u8")) {
            assertEquals("*", api.get("/api/v1/videos/" + publicId + "/" + file, "Origin", FOREIGN)
                    .header("Access-Control-Allow-Origin").orElse(null), file);
        }
        // a 304 is readable too
        String etag = r.header("ETag").orElseThrow();
        Api.Reply notModified = api.get(mp4, "Origin", FOREIGN, "If-None-Match", etag);
        assertEquals(304, notModified.status());
        assertEquals("*", notModified.header("Access-Control-Allow-Origin").orElse(null));
        // a private video with its signed link is as open as a public one: whoever holds the link may play it
        String query = share(privateId);
        Api.Reply signed = api.get(master(privateId) + "?" + query, "Origin", FOREIGN);
        assertEquals(200, signed.status());
        assertEquals("*", signed.header("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void privateMediaNeverGetsAPermissiveHeader() {
        Api.Reply r = api.get(master(privateId), "Origin", FOREIGN, "Authorization", "Bearer " + ownerToken);
        assertEquals(200, r.status(), "the owner reads it");
        assertTrue(r.header("Access-Control-Allow-Origin").isEmpty(), r.headers().toString());
        Api.Reply anonymous = api.get("/api/v1/videos/" + privateId + "/thumbs/poster.jpg", "Origin", FOREIGN);
        assertEquals(404, anonymous.status());
        assertTrue(anonymous.header("Access-Control-Allow-Origin").isEmpty());
        Api.Reply original = api.get("/api/v1/videos/" + publicId + "/download/original", "Origin", FOREIGN,
                "Authorization", "Bearer " + ownerToken);
        assertEquals(200, original.status());
        assertTrue(original.header("Access-Control-Allow-Origin").isEmpty(), "the original is the owner's alone");
    }

    @Test
    void theApiAnswersOnlyConfiguredOrigins() {
        // default: no foreign origin may use the API
        Api.Reply r = api.get("/api/v1/videos/" + publicId, "Origin", FOREIGN);
        assertEquals(200, r.status());
        assertTrue(r.header("Access-Control-Allow-Origin").isEmpty());
        assertProblem(api.send("OPTIONS", "/api/v1/videos", null, null, "Origin", FOREIGN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type"),
                403, "cors-origin-not-allowed");
        String listed = "http://app.example:3000";
        Management.setSystemProperty("kinora.cors.origins", listed + ", https://other.example");
        try {
            Api.Reply pre = api.send("OPTIONS", "/api/v1/videos", null, null, "Origin", listed,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
            assertEquals(204, pre.status(), pre.toString());
            assertEquals(listed, pre.header("Access-Control-Allow-Origin").orElse(null));
            assertEquals("true", pre.header("Access-Control-Allow-Credentials").orElse(null));
            assertTrue(pre.header("Access-Control-Allow-Headers").orElse("").contains("authorization"));
            assertTrue(pre.header("Vary").orElse("").contains("Origin"));
            Api.Reply get = api.get("/api/v1/videos?mine=true", "Origin", listed, "Authorization", "Bearer " + ownerToken);
            assertEquals(listed, get.header("Access-Control-Allow-Origin").orElse(null));
            assertEquals("true", get.header("Access-Control-Allow-Credentials").orElse(null));
            assertTrue(get.header("Access-Control-Expose-Headers").orElse("").contains("X-Total-Count"));
            assertTrue(get.header("Vary").orElse("").contains("Origin"));
            // an unlisted origin: refused, and the answer says it depends on the Origin
            Api.Reply unlisted = api.get("/api/v1/videos/" + publicId, "Origin", "http://evil.example");
            assertTrue(unlisted.header("Access-Control-Allow-Origin").isEmpty());
            assertTrue(unlisted.header("Vary").orElse("").contains("Origin"));
            assertProblem(api.send("OPTIONS", "/api/v1/videos", null, null, "Origin", "http://evil.example",
                    "Access-Control-Request-Method", "GET"), 403, "cors-origin-not-allowed");
            // media follows the list too: the listed origin echoed with Vary, the unlisted one nothing
            Api.Reply media = api.get(master(publicId), "Origin", listed);
            assertEquals(listed, media.header("Access-Control-Allow-Origin").orElse(null));
            assertTrue(media.header("Vary").orElse("").contains("Origin"));
            assertTrue(api.get(master(publicId), "Origin", "http://evil.example").header("Access-Control-Allow-Origin").isEmpty());
            // private media: only the listed origin, with the owner's credentials
            Api.Reply own = api.get(master(privateId), "Origin", listed, "Authorization", "Bearer " + ownerToken);
            assertEquals(listed, own.header("Access-Control-Allow-Origin").orElse(null));
            Management.setSystemProperty("kinora.cors.origins", "*");
            Api.Reply any = api.get("/api/v1/videos/" + publicId, "Origin", "http://evil.example");
            assertEquals("*", any.header("Access-Control-Allow-Origin").orElse(null));
            assertTrue(any.header("Access-Control-Allow-Credentials").isEmpty(), "credentials are never allowed for *");
            assertTrue(api.get(master(privateId), "Origin", "http://evil.example", "Authorization", "Bearer " + ownerToken)
                    .header("Access-Control-Allow-Origin").isEmpty(), "private media: not even with *");
        } finally {
            Management.removeSystemProperty("kinora.cors.origins");
        }
        assertTrue(api.get("/api/v1/videos/" + publicId, "Origin", listed).header("Access-Control-Allow-Origin").isEmpty());
    }

    // ---- framing ----------------------------------------------------------------------------------------------

    @Test
    void onlyTheEmbedPageMayBeFramed() {
        for (String page : List.of("/", "/admin/", "/watch/" + publicId, "/js/app.js", "/api/v1/videos/" + publicId)) {
            Api.Reply r = api.get(page);
            assertEquals("frame-ancestors 'self'", frameAncestors(r), page);
            assertEquals("SAMEORIGIN", r.header("X-Frame-Options").orElse(null), page);
        }
        Api.Reply embed = api.get("/embed/" + publicId);
        assertEquals(200, embed.status());
        assertEquals("frame-ancestors *", frameAncestors(embed));
        assertTrue(embed.header("X-Frame-Options").isEmpty());
        Management.setSystemProperty("kinora.embed.origins", "https://blog.example, https://*.news.example");
        try {
            assertEquals("frame-ancestors 'self' https://blog.example https://*.news.example",
                    frameAncestors(api.get("/embed/" + publicId)));
        } finally {
            Management.removeSystemProperty("kinora.embed.origins");
        }
    }

    /** The frame-ancestors directive of the answer's Content-Security-Policy (the rest is HardeningIT's). */
    static String frameAncestors(Api.Reply r) {
        return java.util.Arrays.stream(r.header("Content-Security-Policy").orElse("").split(";")).map(String::strip)
                .filter(d -> d.startsWith("frame-ancestors")).findFirst().orElse(null);
    }

    // ---- embed page -------------------------------------------------------------------------------------------

    @Test
    void embedPageRefusesWithAMessageAndACode() {
        Api.Reply unknown = api.get("/embed/00000000-0000-0000-0000-000000000000");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("data-code=\"no-such-video\""), unknown.body());
        assertFalse(unknown.body().contains("<video"), "a message, not a broken player");
        assertEquals(404, api.get("/embed/not-an-id").status());
        Api.Reply priv = api.get("/embed/" + privateId);
        assertEquals(404, priv.status());
        assertTrue(priv.body().contains("does not exist or is private"), priv.body());
        assertProblem(api.get("/embed/" + privateId, "Accept", "application/json"), 404, "no-such-video");
        assertProblem(api.get("/embed/" + privateId + "?exp=1&sig=forged", "Accept", "application/problem+json"), 403, "bad-signature");
        assertProblem(api.get("/embed/" + publicId + "?start=soon", "Accept", "application/json"), 400, "invalid-embed-option");
        assertProblem(api.get("/embed/" + publicId + "?autoplay=yes", "Accept", "application/json"), 400, "invalid-embed-option");
        assertEquals(400, api.get("/embed/" + publicId + "?captions=%3Cscript%3E").status());
        Api.Reply ok = api.get("/embed/" + publicId + "?start=1:05&autoplay=1&muted=1&loop=1&captions=en");
        assertEquals(200, ok.status());
        assertTrue(ok.body().contains("\"start\":65"), ok.body());
        assertFalse(ok.body().contains("<at>"), "the title is escaped");
        assertEquals(200, api.get("/embed/" + privateId + "?" + share(privateId)).status());
    }

    @Test
    void processingAndFailedVideosGetAMessageNotAPlayer() {
        String drill = "kinora.ingest.inject-failures"; // every encode dispatch fails: PROCESSING, then FAILED
        Management.setSystemProperty(drill, "always");
        try {
            String id = owner.upload(Media.generateTone(dir.resolve("never.mp4"), 160, 120, 1, 555), "visibility=PUBLIC")
                    .getString("id");
            Api.Reply processing = api.get("/embed/" + id);
            assertEquals(409, processing.status(), processing.toString());
            assertTrue(processing.body().contains("data-code=\"video-processing\""), processing.body());
            assertTrue(processing.body().contains("http-equiv=\"refresh\""), "reloads itself until the video is ready");
            assertEquals("10", processing.header("Retry-After").orElse(null));
            assertFalse(processing.body().contains("embed.js"), "no player");
            owner.awaitStatus(id, Duration.ofMinutes(2), "FAILED");
            Api.Reply failed = api.get("/embed/" + id);
            assertEquals(409, failed.status());
            assertTrue(failed.body().contains("data-code=\"video-failed\"") && failed.body().contains("could not be processed"), failed.body());
            assertProblem(api.get("/api/v1/oembed?url=" + enc(api.base() + "/watch/" + id)), 404, "no-such-video");
        } finally {
            Management.removeSystemProperty(drill);
        }
    }

    // ---- oEmbed -----------------------------------------------------------------------------------------------

    @Test
    void oembedAnswersFieldByField() {
        String base = api.base();
        String watch = base + "/watch/" + publicId;
        Api.Reply r = api.get("/api/v1/oembed?format=json&url=" + enc(watch));
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/json"));
        JsonObject o = r.json();
        assertEquals("video", o.getString("type"));
        assertEquals("1.0", o.getString("version"));
        assertEquals("Harbour <at> \"dawn\"", o.getString("title"));
        assertEquals(ownerName, o.getString("author_name"));
        assertTrue(o.getString("author_url").startsWith(base + "/"));
        assertEquals("Kinora", o.getString("provider_name"));
        assertEquals(base + "/", o.getString("provider_url"));
        assertTrue(o.getInt("cache_age") > 0);
        assertEquals(640, o.getInt("width"));
        assertEquals(360, o.getInt("height"));
        String html = o.getString("html");
        assertTrue(html.startsWith("<iframe src=\"" + base + "/embed/" + publicId + "\""), html);
        assertTrue(html.contains("width=\"640\"") && html.contains("height=\"360\"") && html.contains("allowfullscreen"), html);
        assertTrue(html.contains("title=\"Harbour &lt;at&gt; &quot;dawn&quot;\""), "title escaped inside the attribute: " + html);
        // the thumbnail: url, width and height together, and it is really that size
        assertEquals(base + "/api/v1/videos/" + publicId + "/thumbs/poster.jpg", o.getString("thumbnail_url"));
        assertEquals(1280, o.getInt("thumbnail_width"));
        assertEquals(720, o.getInt("thumbnail_height"));
        assertEquals(200, api.get(o.getString("thumbnail_url").substring(base.length())).status());

        // maxwidth / maxheight: never exceeded, aspect ratio kept, the thumbnail obeys them too
        JsonObject small = api.get("/api/v1/oembed?url=" + enc(watch) + "&maxwidth=320").json();
        assertEquals(320, small.getInt("width"));
        assertEquals(180, small.getInt("height"));
        assertEquals(320, small.getInt("thumbnail_width"));
        assertTrue(small.getString("thumbnail_url").endsWith("/thumbs/thumb-0.jpg"));
        JsonObject low = api.get("/api/v1/oembed?url=" + enc(watch) + "&maxwidth=1000&maxheight=90").json();
        assertEquals(160, low.getInt("width"));
        assertEquals(90, low.getInt("height"));
        assertFalse(low.containsKey("thumbnail_url"), "no thumbnail fits 90 px: none rather than a too large one");
        assertFalse(low.containsKey("thumbnail_width"));
        JsonObject big = api.get("/api/v1/oembed?url=" + enc(watch) + "&maxwidth=4000&maxheight=4000").json();
        assertEquals(640, big.getInt("width"), "max sizes are limits, not requests to stretch");

        // every address of the video: #/watch, /embed with a start carried into the iframe
        assertEquals(publicId, idIn(api.get("/api/v1/oembed?url=" + enc(base + "/#/watch/" + publicId)).json().getString("html")));
        JsonObject fromEmbed = api.get("/api/v1/oembed?url=" + enc(base + "/embed/" + publicId + "?start=7")).json();
        assertTrue(fromEmbed.getString("html").contains("/embed/" + publicId + "?start=7\""), fromEmbed.getString("html"));

        // refusals
        assertProblem(api.get("/api/v1/oembed?url=" + enc(base + "/watch/" + privateId)), 404, "no-such-video");
        assertProblem(api.get("/api/v1/oembed?url=" + enc(base + "/watch/00000000-0000-0000-0000-000000000000")), 404, "no-such-video");
        assertProblem(api.get("/api/v1/oembed?url=" + enc("https://elsewhere.example/some/page")), 404, "not-embeddable");
        assertProblem(api.get("/api/v1/oembed?url=" + enc(watch) + "&format=xml"), 501, "oembed-format-not-supported");
        assertProblem(api.get("/api/v1/oembed"), 400, "oembed-url-required");
        assertProblem(api.get("/api/v1/oembed?url=" + enc(watch) + "&maxwidth=-5"), 400, "invalid-oembed-size");
        // public data: any site's script may read it
        assertEquals("*", api.get("/api/v1/oembed?url=" + enc(watch), "Origin", FOREIGN).header("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void watchPageCarriesDiscoveryAndLinkPreviewTags() {
        String base = api.base();
        Api.Reply page = api.get("/watch/" + publicId);
        assertEquals(200, page.status());
        String html = page.body();
        Matcher m = Pattern.compile("<link rel=\"alternate\" type=\"application/json\\+oembed\" href=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), html);
        String discovery = m.group(1).replace("&amp;", "&");
        assertTrue(discovery.startsWith(base + "/api/v1/oembed?url="), discovery);
        Api.Reply o = api.get(discovery.substring(base.length()));
        assertEquals(200, o.status(), "the discovery link answers: " + o);
        assertEquals("video", o.json().getString("type"));
        for (String tag : List.of("og:title\" content=\"Harbour &lt;at&gt; &quot;dawn&quot;\"", "og:type\" content=\"video.other\"",
                "og:video\" content=\"" + base + "/embed/" + publicId + "\"", "og:image\" content=\"" + base + "/api/v1/videos/" + publicId + "/thumbs/poster.jpg\"",
                "twitter:card\" content=\"player\"", "twitter:player\" content=\"" + base + "/embed/" + publicId + "\"",
                "og:video:width\" content=\"640\"", "og:video:height\" content=\"360\"")) {
            assertTrue(html.contains(tag), tag + " in " + html);
        }
        assertTrue(html.contains("<script type=\"module\" src=\"/js/app.js\">"), "still the app");
        // a private video's page tells link previews nothing
        String priv = api.get("/watch/" + privateId).body();
        assertFalse(priv.contains("og:title") || priv.contains("json+oembed") || priv.contains("Private one"), priv);
    }

    // ---- in a browser, from another origin ---------------------------------------------------------------------

    @Test
    void aForeignSitePlaysAndEmbedsInARealBrowser() throws Exception {
        JsonObject r = NodeScript.run("embed-scenario.cjs", "playwright-core", Duration.ofMinutes(6), api.base(), publicId,
                rendition, privateId, share(privateId), ownerToken, NodeScript.screenshots().toString());
        System.out.println("embed scenario: " + r);
        assertFalse(r.containsKey("error"), () -> r.getString("error") + " after " + r.getJsonArray("steps"));
        assertEquals(List.of(), r.getJsonArray("pageErrors").getValuesAs(JsonString::getString));

        JsonObject hls = r.getJsonObject("hls");
        assertTrue(hls.getJsonArray("levels").size() >= 2, "several qualities from a foreign page: " + hls);
        // a stall while the buffer refills after the switch is normal; a fatal error (CORS refusal: manifestLoadError) is not
        assertTrue(hls.getJsonArray("errors").getValuesAs(JsonString::getString).stream().noneMatch(e -> e.contains("fatal")),
                "hls.js on the foreign page: " + r);
        assertTrue(hls.getBoolean("playing", false), hls.toString());
        assertEquals(hls.getInt("target"), hls.getInt("switchedTo", -1), "quality switched: " + hls);

        JsonObject exposed = r.getJsonObject("exposed");
        assertEquals(206, exposed.getInt("status"), exposed.toString());
        assertTrue(exposed.getString("contentRange").startsWith("bytes 0-99/"), exposed.toString());
        assertEquals("100", exposed.getString("contentLength"));
        assertEquals("bytes", exposed.getString("acceptRanges"));
        assertTrue(exposed.getString("etag").startsWith("\""), exposed.toString());

        assertEquals("blocked", r.getString("privateMedia"), "the owner's token does not open private media to a foreign page");
        assertEquals("blocked", r.getString("privatePoster"));
        assertEquals("blocked", r.getString("api"), "the API refuses an unlisted origin");
        assertEquals("blocked", r.getString("apiWithToken"));
        assertEquals("read 200", r.getString("publicPoster"));
        assertEquals("read 200", r.getString("oembed"));

        JsonObject first = r.getJsonObject("embedFirst");
        assertTrue(first.getBoolean("muted"), "autoplay=1&muted=1 plays muted: " + first);
        assertTrue(first.getJsonNumber("currentTime").doubleValue() >= 2.9, "start=3: " + first);
        JsonObject embed = r.getJsonObject("embed");
        assertFalse(embed.getBoolean("paused"));
        assertTrue(embed.getJsonNumber("currentTime").doubleValue() >= 3, embed.toString());
        assertEquals(api.base() + "/watch/" + publicId, r.getString("embedWatchLink"));
        assertTrue(r.getInt("embedQualities") >= 3, "Auto and the renditions");
        JsonObject extras = r.getJsonObject("embedExtras");
        assertEquals("en", extras.getString("captions", null), "captions=en shows the English subtitles: " + extras);
        assertEquals(List.of("en"), extras.getJsonArray("showing").getValuesAs(JsonString::getString), extras.toString());
        assertTrue(extras.getBoolean("storyboard"), "storyboard scrub: " + extras);
        assertTrue(extras.getString("poster").endsWith("/thumbs/poster.jpg"), extras.toString());
        assertFalse(extras.getBoolean("appChrome"), "the player alone, no app header");
        assertTrue(r.getBoolean("embedKeyPaused") && r.getBoolean("embedKeyResumed"), "k pauses and resumes in the iframe");

        JsonObject message = r.getJsonObject("privateMessage");
        assertEquals("no-such-video", message.getString("code"));
        assertTrue(message.getString("text").contains("private"), message.toString());
        assertFalse(message.getBoolean("player"), "no broken player");
        assertFalse(r.getJsonObject("privateSigned").getBoolean("paused"), "the share link's token plays the private video");

        String code = r.getString("shareCode");
        assertTrue(code.startsWith("<iframe src=\"" + api.base() + "/embed/" + publicId + "?start=4\""), code);
        assertTrue(code.contains("width=\"640\" height=\"360\"") && code.contains("allowfullscreen"), code);
        assertEquals(api.base() + "/watch/" + publicId + "?start=4", r.getString("shareUrl"));
        assertTrue(r.getJsonObject("shareCodeFirst").getJsonNumber("currentTime").doubleValue() >= 3.9,
                "the share panel's code starts at 0:04 on the foreign page: " + r.getJsonObject("shareCodeFirst"));
        assertTrue(r.getString("privateShareCode").matches("<iframe src=\"[^\"]*/embed/" + privateId + "\\?exp=\\d+&amp;sig=[^\"]+\".*"),
                r.getString("privateShareCode"));
        assertFalse(r.getJsonObject("privateShareCodePlays").getBoolean("paused"), "the private video's code plays");

        JsonObject framed = r.getJsonObject("framed");
        assertTrue(framed.getBoolean("selfControl"), "Kinora may frame itself (the check sees a loaded page)");
        for (String page : List.of("app", "watch", "hashWatch", "admin")) {
            assertFalse(framed.getBoolean(page), page + " refused in a foreign frame: " + framed);
        }
    }

    static String share(String id) {
        Api.Reply r = api.send("POST", "/api/v1/videos/" + id + "/share", null, null, Api.bearer(ownerToken));
        assertEquals(200, r.status(), r.toString());
        return r.json().getString("url").split("\\?", 2)[1];
    }

    static String idIn(String iframe) {
        Matcher m = Pattern.compile("/embed/([0-9a-f-]{36})").matcher(iframe);
        assertTrue(m.find(), iframe);
        return m.group(1);
    }
}
