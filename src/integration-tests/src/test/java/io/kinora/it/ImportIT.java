package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import by URL against a little HTTP server of the test's own on 127.0.0.1: internal addresses are refused
 * before any connection unless allow-listed (at runtime, through the management API), redirects are followed
 * by hand and re-checked at every hop, sizes are capped before reading, and every refusal leaves no video row
 * and no spool file.
 */
class ImportIT extends AgainstTheServer {
    static final String ALLOW = "kinora.import.allowed-hosts";

    @TempDir
    static Path dir;

    static HttpServer server;
    static ExecutorService executor;
    static Path video;
    static final List<String> requests = new CopyOnWriteArrayList<>();

    private final Api api = Api.local();
    private final Path data = Path.of(System.getProperty("kinora.it.data.dir"), "arquillian");
    private String token;

    @BeforeAll
    static void start() throws IOException {
        video = Media.generateTone(dir.resolve("imported.mp4"), 160, 120, 1, 523);
        byte[] bytes = Files.readAllBytes(video);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().getPath() + " UA=" + ex.getRequestHeaders().getFirst("User-Agent"));
            String p = ex.getRequestURI().getPath();
            try {
                if (p.equals("/video.mp4")) {
                    send(ex, 200, "video/mp4", bytes);
                } else if (p.equals("/chunked.mp4")) { // no Content-Length: only the streamed count limits it
                    ex.getResponseHeaders().set("Content-Type", "video/mp4");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < bytes.length; i += 4096) out.write(bytes, i, Math.min(4096, bytes.length - i));
                    }
                } else if (p.startsWith("/hop/")) { // /hop/N: N redirects, then the video
                    int n = Integer.parseInt(p.substring(5));
                    if (n == 0) send(ex, 200, "video/mp4", bytes);
                    else redirect(ex, "/hop/" + (n - 1));
                } else if (p.startsWith("/loop/")) { // redirects forever
                    redirect(ex, "/loop/" + (Integer.parseInt(p.substring(6)) + 1));
                } else if (p.equals("/to-private")) {
                    redirect(ex, "http://10.0.0.1/video.mp4");
                } else if (p.equals("/to-metadata")) {
                    redirect(ex, "http://169.254.169.254/latest/meta-data/");
                } else if (p.equals("/to-ftp")) {
                    redirect(ex, "ftp://127.0.0.1/video.mp4");
                } else if (p.equals("/huge.mp4")) { // announces 60 GiB, sends a little, then stalls
                    ex.getResponseHeaders().set("Content-Type", "video/mp4");
                    ex.sendResponseHeaders(200, 60L << 30);
                    OutputStream out = ex.getResponseBody();
                    out.write(bytes, 0, 1000);
                    out.flush();
                    Thread.sleep(20_000);
                } else if (p.equals("/page.html")) {
                    send(ex, 200, "text/html; charset=utf-8",
                            "<!doctype html><html><head><title>Not a video</title></head><body><p>hello</p></body></html>"
                                    .repeat(50).getBytes(StandardCharsets.UTF_8));
                } else if (p.equals("/missing.mp4")) {
                    send(ex, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(ex, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException | InterruptedException e) {
                // the importer hung up: expected for refused bodies
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop(0);
        if (executor != null) executor.shutdownNow();
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
    }

    @BeforeEach
    void fresh() {
        requests.clear();
        token = api.newUser("importer");
    }

    @AfterEach
    void allowListOff() {
        Management.removeSystemProperty(ALLOW);
    }

    private String local(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

    private Api.Reply importUrl(String url) {
        return api.postJson("/api/v1/videos/import", Json.createObjectBuilder().add("url", url).build().toString(),
                Api.bearer(token));
    }

    /** Every file under uploads/ (the spool among them): a refusal must add none. */
    private Set<String> leftovers() throws IOException {
        Set<String> s = new TreeSet<>();
        Path uploads = data.resolve("uploads");
        if (Files.isDirectory(uploads)) try (Stream<Path> w = Files.walk(uploads)) {
            w.filter(Files::isRegularFile).forEach(p -> s.add(uploads.relativize(p).toString()));
        }
        return s;
    }

    private Api.Reply assertRefused(String url, int status, String... codes) throws IOException {
        Set<String> before = leftovers();
        Api.Reply r = importUrl(url);
        assertEquals(status, r.status(), url + ": " + r);
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/problem+json"), r.toString());
        assertTrue(List.of(codes).contains(r.json().getString("code")), url + ": " + r.body());
        Set<String> after = leftovers();
        after.removeAll(before);
        assertEquals(Set.of(), after, "left behind under uploads/");
        assertEquals(0, api.get("/api/v1/videos?mine=true", Api.bearer(token)).jsonArray().size(), "no video row");
        return r;
    }

    @Test
    void internalAddressesAreRefusedWithoutConnecting() throws IOException {
        int port = server.getAddress().getPort();
        for (String host : List.of("127.0.0.1", "localhost", "[::1]", "0.0.0.0", "127.1.2.3")) {
            assertRefused("http://" + host + ":" + port + "/video.mp4", 400, "import-address-not-allowed");
        }
        for (String url : List.of("http://10.0.0.1/v.mp4", "http://172.16.5.4/v.mp4", "http://192.168.1.1/v.mp4",
                "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/v.mp4", "http://224.0.0.1/v.mp4",
                "http://[fc00::1]/v.mp4", "http://[fe80::1]/v.mp4", "http://[::ffff:127.0.0.1]/v.mp4",
                "https://127.0.0.1:" + port + "/video.mp4")) {
            assertRefused(url, 400, "import-address-not-allowed");
        }
        assertEquals(List.of(), requests, "no connection may reach the test server");
    }

    @Test
    void allowListedHostImportsAndEncodes() throws Exception {
        Management.setSystemProperty(ALLOW, "example.invalid, 127.0.0.1");
        Set<String> before = leftovers();
        Api.Reply r = importUrl(local("/hop/3")); // exactly the redirect limit, then the file
        assertEquals(201, r.status(), r.toString());
        assertTrue(r.header("Location").isPresent());
        JsonObject v = r.json();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(video)));
        assertEquals(sha, v.getJsonObject("source").getString("sha256"));
        assertEquals(Files.size(video), v.getJsonObject("source").getJsonNumber("size").longValue());
        assertEquals(List.of("/hop/3 UA=Kinora", "/hop/2 UA=Kinora", "/hop/1 UA=Kinora", "/hop/0 UA=Kinora"), requests);

        Videos videos = new Videos(api, token);
        String id = v.getString("id");
        List<String> seen = videos.awaitStatus(id, Duration.ofMinutes(4), "READY", "COMPLETED", "FAILED");
        assertNotEquals("FAILED", seen.get(seen.size() - 1), videos.get(id).toString());
        assertEquals(sha, videos.get(id).getJsonObject("source").getString("sha256"));

        Api.Reply again = importUrl(local("/chunked.mp4")); // the same bytes, chunked: found as a duplicate
        assertEquals(200, again.status(), again.toString());
        assertEquals(id, again.json().getString("id"));
        assertEquals("true", again.header("X-Kinora-Duplicate").orElse(""));
        assertEquals(1, api.get("/api/v1/videos?mine=true", Api.bearer(token)).jsonArray().size());
        Set<String> after = leftovers();
        after.removeAll(before);
        assertEquals(Set.of(), after, "the spool file is removed after a successful import too");
    }

    @Test
    void redirectsAreLimitedAndEveryHopIsChecked() throws IOException {
        Management.setSystemProperty(ALLOW, "127.0.0.1");
        assertRefused(local("/loop/0"), 502, "import-too-many-redirects");
        assertEquals(List.of("/loop/0 UA=Kinora", "/loop/1 UA=Kinora", "/loop/2 UA=Kinora", "/loop/3 UA=Kinora"), requests,
                "the first request and 3 redirects, no more");

        requests.clear();
        assertRefused(local("/to-private"), 400, "import-address-not-allowed");
        Api.Reply r = assertRefused(local("/to-metadata"), 400, "import-address-not-allowed");
        assertTrue(r.json().getString("detail").contains("169.254.169.254"), r.body());
        assertRefused(local("/to-ftp"), 400, "import-scheme-not-allowed");
        assertEquals(List.of("/to-private UA=Kinora", "/to-metadata UA=Kinora", "/to-ftp UA=Kinora"), requests);
    }

    @Test
    void onlyHttpAndHttps() throws IOException {
        assertRefused("ftp://127.0.0.1/video.mp4", 400, "import-scheme-not-allowed");
        assertRefused("file:///etc/passwd", 400, "import-scheme-not-allowed");
        assertRefused("gopher://example.com/", 400, "import-scheme-not-allowed");
        // magnet links are a torrent import (TorrentImportIT); a .torrent by URL is not fetched
        Api.Reply torrent = assertRefused("https://example.com/some/movie.torrent", 400, "import-scheme-not-allowed");
        assertTrue(torrent.json().getString("detail").contains("upload the .torrent"), torrent.body());
        assertRefused("not a url", 400, "import-invalid-url", "import-scheme-not-allowed");
        assertEquals(List.of(), requests);
    }

    @Test
    void declaredSizeOverTheCapIsRefusedBeforeReading() throws IOException {
        Management.setSystemProperty(ALLOW, "127.0.0.1");
        long start = System.nanoTime();
        assertRefused(local("/huge.mp4"), 413, "import-too-large");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10,
                "refused on the header, not after waiting for the body");
        assertEquals(List.of("/huge.mp4 UA=Kinora"), requests);
    }

    @Test
    void notAVideoOrAnHttpErrorIsRefused() throws IOException {
        Management.setSystemProperty(ALLOW, "127.0.0.1");
        assertRefused(local("/page.html"), 422, "not-a-video", "unsupported-container");
        assertRefused(local("/missing.mp4"), 502, "import-http-error");
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertRefused("http://127.0.0.1:" + closed + "/video.mp4", 502, "import-unreachable");
    }
}
