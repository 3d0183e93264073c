package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import io.kinora.ingest.torrent.Bencode;
import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.Pieces;
import io.kinora.it.support.Seeder;
import io.kinora.it.support.SseClient;
import io.kinora.it.support.Videos;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import from torrents on loopback only: a real libtorrent session in this JVM seeds generated videos on
 * 127.0.0.1 (DHT, LSD, UPnP, NAT-PMP off), a tiny HTTP tracker of the test's own hands that peer out, and Kinora's
 * child program downloads them. 127.0.0.1 is allowed for Kinora (kinora.import.allowed-hosts) only in the tests
 * that download; without it the same torrents are refused before any connection.
 */
class TorrentImportIT extends AgainstTheServer {
    static final String ALLOW = "kinora.import.allowed-hosts";

    @TempDir
    static Path dir;

    static Seeder seeder;
    static HttpServer tracker;
    static final List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Api api = Api.local();
    private final Path torrents = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian", "torrents");

    @BeforeAll
    static void start() throws IOException {
        seeder = new Seeder();
        tracker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
        tracker.createContext("/", ex -> { // BEP 23 compact answer: the seeder is the one peer
            announced.add(ex.getRequestURI().getPath());
            ByteBuffer peer = ByteBuffer.allocate(6).put(new byte[] {127, 0, 0, 1}).putShort((short) seeder.port());
            Map<String, Object> reply = new HashMap<>();
            reply.put("interval", 60L);
            reply.put("peers", peer.array());
            byte[] body = Bencode.encode(reply);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        tracker.start();
    }

    @AfterAll
    static void stop() {
        if (tracker != null) tracker.stop(0);
        if (seeder != null) seeder.close();
    }

    @AfterEach
    void settingsOff() {
        Management.removeSystemProperty(ALLOW);
        Management.removeSystemProperty("kinora.torrent.stall-timeout");
        Management.removeSystemProperty("kinora.torrent.seed");
        Management.removeSystemProperty("kinora.torrent.seed-time");
    }

    private String trackerUrl() { return trackerUrl("/announce"); }

    private String trackerUrl(String path) { return "http://127.0.0.1:" + tracker.getAddress().getPort() + path; }

    private Api.Reply postTorrent(String token, byte[] torrent) {
        return api.sendBytes("POST", "/api/v1/videos/import?visibility=UNLISTED", torrent, "application/x-bittorrent",
                Api.bearer(token));
    }

    private Api.Reply postMagnet(String token, String magnet) {
        return api.postJson("/api/v1/videos/import", Json.createObjectBuilder().add("url", magnet).build().toString(),
                Api.bearer(token));
    }

    private Api.Reply postForm(String token, byte[] torrent) {
        String boundary = "kinora-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"torrent\"; filename=\"x.torrent\"\r\n"
                + "Content-Type: application/x-bittorrent\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + torrent.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(torrent, 0, body, head.length, torrent.length);
        System.arraycopy(tail, 0, body, head.length + torrent.length, tail.length);
        return api.sendBody("POST", "/api/v1/videos/import", HttpRequest.BodyPublishers.ofByteArray(body),
                "multipart/form-data; boundary=" + boundary, Api.bearer(token));
    }

    private static List<String> ids(Api.Reply r) {
        assertEquals(202, r.status(), r.toString());
        return r.json().getJsonArray("videoIds").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    private Set<String> leftovers() throws IOException {
        Set<String> s = new TreeSet<>();
        if (Files.isDirectory(torrents)) try (Stream<Path> w = Files.walk(torrents)) {
            w.filter(p -> !p.equals(torrents)).forEach(p -> s.add(torrents.relativize(p).toString()));
        }
        return s;
    }

    private void awaitNoLeftovers() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!leftovers().isEmpty() && System.nanoTime() < deadline) Videos.sleep(200);
        assertEquals(Set.of(), leftovers(), "an import left files behind");
    }

    private static List<ProcessHandle> fetchers(String importId) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("io.kinora.torrent.fetcher.Fetcher") && c.contains(importId)).orElse(false)).toList();
    }

    @Test
    void torrentFileAndMagnetBothReachCompletedWithTheSeededBytes() throws Exception {
        Management.setSystemProperty(ALLOW, "127.0.0.1");
        Path content = Files.createDirectories(dir.resolve("single"));
        Path video = Media.generateTone(content.resolve("Seeded Clip.mp4"), 160, 120, 1, 587);
        String sha = Pieces.sha256(video);
        Seeder.Seeded seeded = seeder.seed(video, List.of(trackerUrl()), 0);

        String owner1 = api.newUser("torrent");
        String owner2 = api.newUser("magnet");
        Api.Reply upload = postTorrent(owner1, seeded.torrent());
        List<String> fromFile = ids(upload);
        assertEquals(1, fromFile.size());
        JsonObject first = upload.json().getJsonArray("videos").getJsonObject(0);
        assertEquals("Seeded Clip", first.getString("title"));
        assertEquals("Seeded Clip.mp4", first.getString("description"), "the torrent's name is the description");
        assertEquals("PROCESSING", first.getString("status"));
        List<String> fromMagnet = ids(postMagnet(owner2, seeder.magnet(seeded)));

        Videos v1 = new Videos(api, owner1);
        Videos v2 = new Videos(api, owner2);
        v1.awaitStatus(fromFile.get(0), Duration.ofMinutes(3), "COMPLETED", "FAILED");
        v2.awaitStatus(fromMagnet.get(0), Duration.ofMinutes(3), "COMPLETED", "FAILED");
        for (var pair : List.of(Map.entry(v1, fromFile.get(0)), Map.entry(v2, fromMagnet.get(0)))) {
            JsonObject v = pair.getKey().get(pair.getValue());
            assertEquals("COMPLETED", v.getString("status"), v.toString());
            assertEquals(sha, v.getJsonObject("source").getString("sha256"), "the bytes Kinora stored are the seeded file");
            // the download was visible as a stage with bytes, peers and rate, also over SSE (replayed from the ring)
            try (SseClient sse = new SseClient(api.base() + "/api/v1/videos/" + pair.getValue() + "/events", "1",
                    Api.bearer(pair.getKey() == v1 ? owner1 : owner2))) {
                // (peers: a seed hangs up once the download is complete; the slow download below checks peers)
                assertTrue(sse.await(events -> events.stream().anyMatch(e -> e.data().contains("\"stage\":\"downloading\"")
                        && e.data().contains("\"peers\"") && e.data().matches(".*\"bytesDone\":[1-9].*")
                        && e.data().contains("\"bytesPerSecond\"")), Duration.ofSeconds(10)), "SSE: " + sse.events);
            }
        }
        assertEquals("Seeded Clip", v2.get(fromMagnet.get(0)).getString("title"), "a magnet's video is named after the file");
        assertTrue(announced.contains("/announce"), "the .torrent's tracker was asked for peers");
        awaitNoLeftovers();
    }

    @Test
    void multiFileTorrentGivesOneVideoPerVideoFileAndSkipsTheRest() throws Exception {
        Management.setSystemProperty(ALLOW, "127.0.0.1");
        Path content = Files.createDirectories(dir.resolve("Two Clips"));
        String shaA = Pieces.sha256(Media.generateTone(content.resolve("alpha.mp4"), 160, 120, 1, 659));
        String shaB = Pieces.sha256(Media.generateTone(content.resolve("beta.mkv.mp4"), 160, 120, 1, 698));
        Files.writeString(content.resolve("release.nfo"), "not a video\n".repeat(2000));
        Seeder.Seeded seeded = seeder.seed(content, List.of(trackerUrl()), 0);

        String owner = api.newUser("multi");
        Api.Reply r = postForm(owner, seeded.torrent());
        List<String> ids = ids(r);
        assertEquals(2, ids.size(), r.body());
        Videos videos = new Videos(api, owner);
        Map<String, String> shaByTitle = new HashMap<>();
        for (String id : ids) {
            videos.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");
            JsonObject v = videos.get(id);
            assertEquals("COMPLETED", v.getString("status"), v.toString());
            assertEquals("Two Clips", v.getString("description"));
            shaByTitle.put(v.getString("title"), v.getJsonObject("source").getString("sha256"));
        }
        assertEquals(Map.of("alpha", shaA, "beta.mkv", shaB), shaByTitle);
        awaitNoLeftovers();
    }

    @Test
    void loopbackPeersTrackersAndWebSeedsAreRefusedWithoutConnecting() throws Exception {
        String owner = api.newUser("refused");
        Path video = Media.generateTone(Files.createDirectories(dir.resolve("refused")).resolve("r.mp4"), 160, 120, 1, 740);
        Seeder.Seeded withTracker = seeder.seed(video, List.of(trackerUrl("/refused")), 0);
        try (ServerSocket peer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(3000);
            Api.Reply magnet = postMagnet(owner, "magnet:?xt=urn:btih:" + withTracker.infoHash() + "&x.pe=127.0.0.1:" + peer.getLocalPort());
            assertProblem(magnet, 400, "import-address-not-allowed");
            assertTrue(magnet.json().getString("detail").contains("peer 127.0.0.1:" + peer.getLocalPort()), magnet.body());
            assertProblem(postMagnet(owner, "magnet:?xt=urn:btih:" + withTracker.infoHash() + "&tr="
                    + java.net.URLEncoder.encode(trackerUrl("/refused"), StandardCharsets.UTF_8)), 400, "import-address-not-allowed");
            assertProblem(postMagnet(owner, "magnet:?xt=urn:btih:" + withTracker.infoHash() + "&ws=http://10.1.2.3/v.mp4"),
                    400, "import-address-not-allowed");
            assertProblem(postTorrent(owner, withTracker.torrent()), 400, "import-address-not-allowed");
            try (Socket s = peer.accept()) {
                fail("Kinora connected to the refused peer from " + s.getRemoteSocketAddress());
            } catch (SocketTimeoutException expected) {
                // nobody came
            }
        }
        assertFalse(announced.contains("/refused"), "the refused tracker was never asked");
        assertEquals(0, api.get("/api/v1/videos?mine=true", Api.bearer(owner)).jsonArray().size());
        assertEquals(Set.of(), leftovers());
    }

    @Test
    void hostileTorrentsAreRefusedWithAReasonAndLeaveNothing() throws Exception {
        String owner = api.newUser("hostile");
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("not bencode", new Object[] {"this is not a torrent".getBytes(StandardCharsets.UTF_8), 400, "torrent-invalid"});
        cases.put("truncated", new Object[] {"d4:infod4:name".getBytes(StandardCharsets.UTF_8), 400, "torrent-invalid"});
        cases.put("dot-dot", new Object[] {torrent("evil", List.of(file(100, "..", "..", "etc", "cron.mp4")), 16384), 400, "torrent-unsafe-path"});
        cases.put("absolute", new Object[] {torrent("evil", List.of(file(100, "/etc/passwd.mp4")), 16384), 400, "torrent-unsafe-path"});
        cases.put("NUL", new Object[] {torrent("evil", List.of(file(100, "a\0.mp4")), 16384), 400, "torrent-unsafe-path"});
        cases.put("name NUL", new Object[] {torrent("ev\0il", List.of(file(100, "a.mp4")), 16384), 400, "torrent-unsafe-path"});
        cases.put("long name", new Object[] {torrent("evil", List.of(file(100, "x".repeat(300) + ".mp4")), 16384), 400, "torrent-name-too-long"});
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) many.add(file(1, "f" + i + ".mp4"));
        cases.put("thousands of files", new Object[] {torrent("evil", many, 16384), 400, "torrent-too-many-files"});
        cases.put("piece length", new Object[] {torrent("evil", List.of(file(100, "a.mp4")), 1L << 30), 400, "torrent-piece-too-large"});
        cases.put("total size", new Object[] {torrent("evil", List.of(file(1L << 60, "a.mp4")), 16384), 413, "torrent-too-large"});
        cases.put("a .torrent over 10 MiB", new Object[] {new byte[11 << 20], 413, "torrent-file-too-large"});
        cases.put("no video", new Object[] {torrent("docs", List.of(file(100, "readme.nfo"), file(10, "x.txt")), 16384), 422, "torrent-no-video"});
        for (var c : cases.entrySet()) {
            Api.Reply r = postTorrent(owner, (byte[]) c.getValue()[0]);
            assertProblem(r, (int) c.getValue()[1], (String) c.getValue()[2]);
        }
        assertProblem(postMagnet(owner, "magnet:?dn=no-hash&x.pe=8.8.8.8:6881"), 400, "torrent-magnet-no-hash");
        assertProblem(postMagnet(owner, "magnet:?xt=urn:btih:123"), 400, "torrent-magnet-invalid");
        assertEquals(0, api.get("/api/v1/videos?mine=true", Api.bearer(owner)).jsonArray().size(), "no video row");
        assertEquals(Set.of(), leftovers());
    }

    @Test
    void killingTheChildFailsTheImportAndDeletingCancelsIt() throws Exception {
        Management.setSystemProperty(ALLOW, "127.0.0.1");
        Path content = Files.createDirectories(dir.resolve("slow"));
        byte[] random = new byte[24 << 20];
        new Random(7).nextBytes(random);
        Path big = Files.write(content.resolve("slow.mp4"), random);
        Seeder.Seeded seeded = seeder.seed(big, List.of(), 1 << 20); // 1 MiB/s: the download takes ~24 s
        String owner = api.newUser("killer");
        Videos videos = new Videos(api, owner);

        // SIGKILL of the child mid-download: the import fails with a reason (it is not resumed), nothing stays
        Api.Reply r = postMagnet(owner, seeder.magnet(seeded));
        String id = ids(r).get(0);
        String importId = r.json().getString("importId");
        awaitDownloading(videos, id);
        List<ProcessHandle> children = fetchers(importId);
        assertEquals(1, children.size(), "one child process per import");
        assertTrue(children.get(0).destroyForcibly());
        videos.awaitStatus(id, Duration.ofSeconds(30), "FAILED");
        assertEquals("torrent-crashed", videos.get(id).getJsonObject("failure").getString("code"));
        awaitNoLeftovers();

        // the owner deletes the video mid-download: the child is killed and its files go
        Api.Reply again = postMagnet(owner, seeder.magnet(seeded));
        String id2 = ids(again).get(0);
        String importId2 = again.json().getString("importId");
        awaitDownloading(videos, id2);
        JsonObject listed = api.get("/api/v1/torrents", Api.bearer(owner)).jsonArray().getJsonObject(0);
        assertEquals(importId2, listed.getString("importId"));
        assertEquals(1, fetchers(importId2).size());
        assertEquals(204, api.send("DELETE", "/api/v1/videos/" + id2, null, null, Api.bearer(owner)).status());
        assertEquals(404, api.get("/api/v1/videos/" + id2, Api.bearer(owner)).status());
        assertEquals(List.of(), fetchers(importId2), "the child is gone with the video");
        awaitNoLeftovers();
        assertEquals(0, api.get("/api/v1/torrents", Api.bearer(owner)).jsonArray().size());
    }

    @Test
    void aDownloadWithoutProgressFailsAsStalled() throws Exception {
        Management.setSystemProperty(ALLOW, "127.0.0.1");
        Management.setSystemProperty("kinora.torrent.stall-timeout", "PT4S");
        String owner = api.newUser("stalled");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String id = ids(postMagnet(owner, "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&x.pe=127.0.0.1:" + closedPort)).get(0);
        Videos videos = new Videos(api, owner);
        videos.awaitStatus(id, Duration.ofSeconds(40), "FAILED");
        JsonObject failure = videos.get(id).getJsonObject("failure");
        assertEquals("torrent-stalled", failure.getString("code"), failure.toString());
        awaitNoLeftovers();
    }

    @Test
    void seedingIsOptInAndEndsWithItsTimeLimit() throws Exception {
        Management.setSystemProperty(ALLOW, "127.0.0.1");
        Management.setSystemProperty("kinora.torrent.seed", "true");
        Management.setSystemProperty("kinora.torrent.seed-time", "PT5S");
        Path video = Media.generateTone(Files.createDirectories(dir.resolve("seeding")).resolve("seed.mp4"), 160, 120, 1, 784);
        Seeder.Seeded seeded = seeder.seed(video, List.of(), 0);
        String owner = api.newUser("seeding");
        Api.Reply r = postMagnet(owner, seeder.magnet(seeded));
        String id = ids(r).get(0);
        String importId = r.json().getString("importId");
        Videos videos = new Videos(api, owner);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean seeding = false;
        while (!seeding && System.nanoTime() < deadline) { // the video is ingested while the child seeds on
            var list = api.get("/api/v1/torrents", Api.bearer(owner)).jsonArray();
            seeding = !list.isEmpty() && "seeding".equals(list.getJsonObject(0).getString("stage"))
                    && videos.get(id).getJsonObject("source").containsKey("sha256");
            if (!seeding) Videos.sleep(100);
        }
        assertTrue(seeding, "the import was listed as seeding after its file was stored");
        assertEquals(1, fetchers(importId).size(), "the child seeds on");
        videos.awaitStatus(id, Duration.ofMinutes(2), "COMPLETED");
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!fetchers(importId).isEmpty() && System.nanoTime() < deadline) Videos.sleep(200);
        assertEquals(List.of(), fetchers(importId), "seeding stopped at kinora.torrent.seed-time");
        awaitNoLeftovers();
        assertEquals(0, api.get("/api/v1/torrents", Api.bearer(owner)).jsonArray().size());
    }

    private void awaitDownloading(Videos videos, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject p = videos.get(id).getJsonObject("progress");
            if ("downloading".equals(p.getString("stage")) && !p.isNull("download")
                    && p.getJsonObject("download").getJsonNumber("bytesDone").longValue() > 0) {
                assertTrue(p.getJsonObject("download").getInt("peers") >= 1, p.toString());
                return;
            }
            Videos.sleep(200);
        }
        fail("video " + id + " never showed a download in progress: " + videos.get(id));
    }

    private static void assertProblem(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/problem+json"), r.toString());
        assertEquals(code, r.json().getString("code"), r.body());
    }

    private static Map<String, Object> file(long length, String... path) {
        Map<String, Object> f = new HashMap<>();
        f.put("length", length);
        f.put("path", List.of((Object[]) path));
        return f;
    }

    /** A v1 multi-file .torrent with zeroed piece hashes (never downloaded: refused before). */
    private static byte[] torrent(String name, List<Map<String, Object>> files, long pieceLength) {
        long total = files.stream().mapToLong(f -> (Long) f.get("length")).sum();
        long pieces = Math.min(1000, (total + pieceLength - 1) / pieceLength);
        Map<String, Object> info = new HashMap<>();
        info.put("name", name);
        info.put("piece length", pieceLength);
        info.put("pieces", new byte[(int) (20 * pieces)]);
        info.put("files", files);
        return Bencode.encode(Map.of("info", info));
    }
}
