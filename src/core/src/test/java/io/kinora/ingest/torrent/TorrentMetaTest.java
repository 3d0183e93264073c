package io.kinora.ingest.torrent;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TorrentMetaTest {
    static final TorrentLimits LIMITS = TorrentLimits.defaults(1L << 30);

    static Map<String, Object> file(long length, String... path) {
        Map<String, Object> f = new HashMap<>();
        f.put("length", length);
        f.put("path", List.of((Object[]) path));
        return f;
    }

    static byte[] multi(String name, List<Map<String, Object>> files, long pieceLength) {
        long total = files.stream().mapToLong(f -> (Long) f.get("length")).sum();
        Map<String, Object> info = new HashMap<>();
        info.put("name", name);
        info.put("piece length", pieceLength);
        info.put("pieces", new byte[(int) (20 * Math.min(1000, (total + pieceLength - 1) / pieceLength))]);
        info.put("files", files);
        Map<String, Object> root = new HashMap<>();
        root.put("info", info);
        root.put("announce", "udp://tracker.example:1337/announce");
        root.put("url-list", List.of("https://seed.example/files/"));
        return Bencode.encode(root);
    }

    private static String code(Runnable r) {
        return io.kinora.problem.ProblemCodes.codeOf(r);
    }

    @Test
    void readsAMultiFileTorrentAndPicksTheVideos() {
        TorrentMeta m = TorrentMeta.parse(multi("Show", List.of(file(10, "a.mp4"), file(5, "info.nfo"),
                file(7, "Season 1", "b.MKV"), pad()), 16384), LIMITS);
        assertEquals("Show", m.name());
        assertEquals(4, m.files().size());
        assertEquals(List.of("a.mp4", "b.MKV"), m.videoFiles().stream().map(TorrentMeta.FileEntry::fileName).toList());
        assertEquals(List.of(0, 2), m.videoFiles().stream().map(TorrentMeta.FileEntry::index).toList());
        assertEquals(List.of("udp://tracker.example:1337/announce"), m.trackers());
        assertEquals(List.of("https://seed.example/files/"), m.webSeeds());
        assertEquals(40, m.infoHash().length());
    }

    static Map<String, Object> pad() {
        Map<String, Object> f = file(3, ".pad", "3");
        f.put("attr", "p");
        return f;
    }

    @Test
    void refusesHostilePathsAndCaps() {
        assertEquals("torrent-unsafe-path", code(() -> TorrentMeta.parse(multi("x", List.of(file(1, "..", "a.mp4")), 16384), LIMITS)));
        assertEquals("torrent-unsafe-path", code(() -> TorrentMeta.parse(multi("x", List.of(file(1, "/etc/a.mp4")), 16384), LIMITS)));
        assertEquals("torrent-unsafe-path", code(() -> TorrentMeta.parse(multi("x", List.of(file(1, "a\\..\\b.mp4")), 16384), LIMITS)));
        assertEquals("torrent-unsafe-path", code(() -> TorrentMeta.parse(multi("x", List.of(file(1, "a\0.mp4")), 16384), LIMITS)));
        assertEquals("torrent-unsafe-path", code(() -> TorrentMeta.parse(multi("x", List.of(file(1, "C:evil.mp4")), 16384), LIMITS)));
        assertEquals("torrent-unsafe-path", code(() -> TorrentMeta.parse(multi("..", List.of(file(1, "a.mp4")), 16384), LIMITS)));
        assertEquals("torrent-unsafe-path", code(() -> TorrentMeta.parse(multi("x", List.of(file(1, "", "a.mp4")), 16384), LIMITS)));
        assertEquals("torrent-name-too-long", code(() -> TorrentMeta.parse(multi("x", List.of(file(1, "a".repeat(256))), 16384), LIMITS)));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) many.add(file(1, i + ".mp4"));
        assertEquals("torrent-too-many-files", code(() -> TorrentMeta.parse(multi("x", many, 16384), LIMITS)));
        assertEquals("torrent-piece-too-large", code(() -> TorrentMeta.parse(multi("x", List.of(file(1, "a.mp4")), 64L << 20), LIMITS)));
        assertEquals("torrent-too-large", code(() -> TorrentMeta.parse(multi("x", List.of(file(1L << 31, "a.mp4")), 16384), LIMITS)));
        assertEquals("torrent-too-large", code(() -> TorrentMeta.parse(multi("x", List.of(file(Long.MAX_VALUE, "a.mp4"), file(Long.MAX_VALUE, "b.mp4")), 16384), LIMITS)));
        assertEquals("torrent-invalid", code(() -> TorrentMeta.parse("garbage".getBytes(StandardCharsets.UTF_8), LIMITS)));
        assertEquals("torrent-invalid", code(() -> TorrentMeta.parse(Bencode.encode(Map.of("announce", "x")), LIMITS)));
    }

    @Test
    void singleFileAndPieceCountMustAgree() {
        Map<String, Object> info = new HashMap<>(Map.of("name", "a.mp4", "piece length", 16384L, "length", 40000L,
                "pieces", new byte[60]));
        assertEquals(1, TorrentMeta.parse(Bencode.encode(Map.of("info", info)), LIMITS).videoFiles().size());
        info.put("pieces", new byte[40]);
        assertEquals("torrent-invalid", code(() -> TorrentMeta.parse(Bencode.encode(Map.of("info", info)), LIMITS)));
    }

    @Test
    void bencodeIsStrict() {
        for (String bad : List.of("i03e", "i-0e", "ie", "03:abc", "5:abc", "d1:a", "l", "i1ei2e", "d1:ai1e1:ai2ee",
                "di1ei2ee", "x")) {
            assertThrows(Bencode.Invalid.class, () -> Bencode.decode(bad.getBytes(StandardCharsets.US_ASCII)), bad);
        }
        assertThrows(Bencode.Invalid.class, () -> Bencode.decode("l".repeat(100_000).getBytes(StandardCharsets.US_ASCII)));
        assertDoesNotThrow(() -> Bencode.decode("d1:ali1ei-2e3:xyzee".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void magnets() {
        Magnet m = Magnet.parse("magnet:?xt=urn:btih:" + "AB".repeat(20) + "&dn=My%20Show&tr=udp%3A%2F%2Ft.example%3A1%2Fa"
                + "&x.pe=1.2.3.4:6881&x.pe=[2001:db8::1]:51413&ws=https://s.example/f");
        assertEquals("ab".repeat(20), m.infoHash());
        assertEquals("My Show", m.displayName());
        assertEquals(List.of("udp://t.example:1/a"), m.trackers());
        assertEquals(List.of("1.2.3.4:6881", "[2001:db8::1]:51413"), m.peers());
        assertEquals("2001:db8::1", Magnet.peerHost(m.peers().get(1)));
        assertEquals("torrent-magnet-no-hash", code(() -> Magnet.parse("magnet:?dn=x")));
        assertEquals("torrent-magnet-invalid", code(() -> Magnet.parse("magnet:?xt=urn:btih:xyz")));
        assertEquals("torrent-magnet-invalid", code(() -> Magnet.parse("magnet:?xt=urn:btih:" + "a".repeat(40) + "&x.pe=1.2.3.4")));
        assertEquals("torrent-magnet-invalid", code(() -> Magnet.parse("magnet:?xt=urn:btih:" + "a".repeat(40) + "&x.pe=1.2.3.4:0")));
        assertEquals("torrent-magnet-invalid", code(() -> Magnet.parse("http://example.com/")));
        assertNotNull(Magnet.parse("magnet:?xt=urn:btih:" + "A".repeat(32)).infoHash());
    }
}
