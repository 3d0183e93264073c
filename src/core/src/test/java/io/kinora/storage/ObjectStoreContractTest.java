package io.kinora.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link ObjectStore} must do; subclasses supply the store. */
abstract class ObjectStoreContractTest {

    static final int MIB = 1024 * 1024;

    ObjectStore store;

    @TempDir
    Path tmp;

    /** A fresh, empty store for each test. */
    abstract ObjectStore newStore() throws Exception;

    /**
     * Whether the server answers NoSuchUpload for the parts of an unknown, aborted or completed
     * upload, as AWS S3 and MinIO do. s3proxy 4.1.0 on its jclouds filesystem backend does not: it
     * lists no parts and accepts new ones. Where this matters the tests assert that behaviour
     * instead, so that a fixed s3proxy turns them red and this switch can go.
     */
    boolean serverTracksUploads() {
        return true;
    }

    /** listParts of an upload that no longer exists: NoSuchUpload, or nothing on servers that do not track uploads. */
    void assertUploadGone(String key, String uploadId, String why) throws Exception {
        if (serverTracksUploads()) {
            assertThrows(ObjectNotFoundException.class, () -> store.listParts(key, uploadId), why);
        } else {
            assertEquals(List.of(), store.listParts(key, uploadId), why + " (s3proxy lists no parts instead of NoSuchUpload)");
        }
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    // ------------------------------------------------------------------ put / get / stat

    /** A file handed over (a finished tus upload): stored whole, and gone from where it was. */
    @Test
    void adoptStoresTheFileAndTakesIt() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(19).nextBytes(bytes);
        Path file = Files.write(tmp.resolve("finished-upload"), bytes);
        store.adopt("videos/v9/source", file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertFalse(Files.exists(file));
        assertEquals(bytes.length, store.stat("videos/v9/source").orElseThrow().size());
        try (InputStream in = store.get("videos/v9/source")) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void putStreamThenGetAndStat() throws Exception {
        byte[] data = bytes(100_000, 1);
        store.put("videos/v1/original.mov", new ByteArrayInputStream(data), data.length, "video/quicktime");

        assertArrayEquals(data, readAll(store.get("videos/v1/original.mov")));
        ObjectInfo info = store.stat("videos/v1/original.mov").orElseThrow();
        assertEquals("videos/v1/original.mov", info.key());
        assertEquals(data.length, info.size());
        assertEquals(md5Hex(data), info.etag(), "single-part etag is the content MD5 on every store");
        assertEquals("video/quicktime", info.contentType());
        assertTrue(info.lastModified() != null);
        assertTrue(store.exists("videos/v1/original.mov"));
    }

    @Test
    void putFileGuessesContentTypeFromKey() throws Exception {
        byte[] data = "#EXTM3U\n#EXT-X-VERSION:7\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("whatever.bin"), data);
        store.put("renditions/v1/hls/master.m3u8", file);

        ObjectInfo info = store.stat("renditions/v1/hls/master.m3u8").orElseThrow();
        assertEquals("application/vnd.apple.mpegurl", info.contentType());
        assertEquals(data.length, info.size());
        assertArrayEquals(data, readAll(store.get("renditions/v1/hls/master.m3u8")));
    }

    @Test
    void putOfUnknownLengthLargerThanOnePart() throws Exception {
        // unknown length makes the S3 store upload 16 MiB parts: this crosses into a second one
        byte[] data = bytes(17 * MIB + 123, 2);
        store.put("originals/big.mp4", new ByteArrayInputStream(data), -1, null);

        assertEquals(data.length, store.stat("originals/big.mp4").orElseThrow().size());
        assertEquals(sha256(data), sha256(store.get("originals/big.mp4")));
        assertEquals("video/mp4", store.stat("originals/big.mp4").orElseThrow().contentType());
    }

    @Test
    void putReplacesExistingObject() throws Exception {
        store.put("k/a.txt", stream("first version"), -1, "text/plain");
        store.put("k/a.txt", stream("second"), 6, "text/plain");

        assertEquals("second", readString(store.get("k/a.txt")));
        assertEquals(6, store.stat("k/a.txt").orElseThrow().size());
        assertEquals(md5Hex("second".getBytes(StandardCharsets.UTF_8)), store.stat("k/a.txt").orElseThrow().etag());
    }

    @Test
    void failedPutLeavesPreviousObjectIntact() throws Exception {
        store.put("k/keep.bin", stream("old content"), -1, null);
        InputStream failing = new InputStream() { // 1000 bytes, then the connection breaks
            int n;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (n >= 1000) {
                    throw new IOException("client went away");
                }
                int count = Math.min(len, 1000 - n);
                Arrays.fill(b, off, off + count, (byte) 'x');
                n += count;
                return count;
            }
        };

        assertThrows(IOException.class, () -> store.put("k/keep.bin", failing, 2000, null));
        assertEquals("old content", readString(store.get("k/keep.bin")));
        assertEquals(List.of("k/keep.bin"), keys(store.list("k/")), "no half-written object under any key");
    }

    @Test
    void shortStreamIsRejected() throws Exception {
        assertThrows(IOException.class, () -> store.put("k/short.bin", stream("only 12 byte"), 100, null));
        assertFalse(store.exists("k/short.bin"));
    }

    @Test
    void missingObject() throws Exception {
        assertTrue(store.stat("nope/missing.bin").isEmpty());
        assertFalse(store.exists("nope/missing.bin"));
        assertThrows(ObjectNotFoundException.class, () -> readAll(store.get("nope/missing.bin")));
        assertThrows(ObjectNotFoundException.class, () -> readAll(store.get("nope/missing.bin", 5, 10)));
        assertThrows(ObjectNotFoundException.class,
                () -> store.transferTo("nope/missing.bin", 0, -1, new ByteArrayOutputStream()));
    }

    // ------------------------------------------------------------------ ranges

    @Test
    void rangedReads() throws Exception {
        byte[] data = bytes(10_000, 3);
        store.put("pieces/p1.m4s", new ByteArrayInputStream(data), data.length, null);

        assertArrayEquals(Arrays.copyOfRange(data, 100, 150), readAll(store.get("pieces/p1.m4s", 100, 50)));
        assertArrayEquals(Arrays.copyOfRange(data, 9_000, 10_000), readAll(store.get("pieces/p1.m4s", 9_000, -1)));
        assertArrayEquals(Arrays.copyOfRange(data, 9_990, 10_000), readAll(store.get("pieces/p1.m4s", 9_990, 500)),
                "a range past the end is clipped");
        assertArrayEquals(Arrays.copyOfRange(data, 0, 1), readAll(store.get("pieces/p1.m4s", 0, 1)));
        assertEquals(0, readAll(store.get("pieces/p1.m4s", 10_000, 10)).length, "starting at the end: empty");
        assertEquals(0, readAll(store.get("pieces/p1.m4s", 20_000, -1)).length, "starting past the end: empty");
        assertEquals(0, readAll(store.get("pieces/p1.m4s", 5, 0)).length);
        assertThrows(IllegalArgumentException.class, () -> store.get("pieces/p1.m4s", -1, 10));
    }

    @Test
    void transferTo() throws Exception {
        byte[] data = bytes(300_000, 4);
        store.put("renditions/v/720p.mp4", new ByteArrayInputStream(data), data.length, null);

        ByteArrayOutputStream range = new ByteArrayOutputStream();
        assertEquals(1000, store.transferTo("renditions/v/720p.mp4", 65_000, 1000, Channels.newChannel(range)));
        assertArrayEquals(Arrays.copyOfRange(data, 65_000, 66_000), range.toByteArray());

        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        assertEquals(data.length - 7, store.transferTo("renditions/v/720p.mp4", 7, -1, rest));
        assertArrayEquals(Arrays.copyOfRange(data, 7, data.length), rest.toByteArray());

        ByteArrayOutputStream clipped = new ByteArrayOutputStream();
        assertEquals(10, store.transferTo("renditions/v/720p.mp4", data.length - 10, 1_000, clipped));
        assertEquals(0, store.transferTo("renditions/v/720p.mp4", data.length, 10, new ByteArrayOutputStream()));
    }

    // ------------------------------------------------------------------ list / delete

    @Test
    void listUsesStringPrefixesAndSortsByKey() throws Exception {
        for (String key : List.of("v1/b.ts", "v1/a.ts", "v1/sub/c.ts", "v10/d.ts", "v2/e.ts")) {
            store.put(key, stream(key), -1, null);
        }

        List<ObjectInfo> v1 = store.list("v1/");
        assertEquals(List.of("v1/a.ts", "v1/b.ts", "v1/sub/c.ts"), keys(v1));
        assertEquals("v1/a.ts".length(), v1.get(0).size());
        assertEquals(md5Hex("v1/a.ts".getBytes(StandardCharsets.UTF_8)), v1.get(0).etag());
        assertEquals(List.of("v1/a.ts", "v1/b.ts", "v1/sub/c.ts", "v10/d.ts"), keys(store.list("v1")));
        assertEquals(List.of("v1/sub/c.ts"), keys(store.list("v1/s")));
        assertEquals(5, store.list("").size());
        assertEquals(List.of(), store.list("v3/"));
    }

    @Test
    void deleteIsIdempotent() throws Exception {
        store.put("d/x.bin", stream("x"), -1, null);
        store.delete("d/x.bin");
        assertFalse(store.exists("d/x.bin"));
        store.delete("d/x.bin");
        store.delete("d/never-existed.bin");
        assertEquals(List.of(), store.list("d/"));
    }

    @Test
    void deletePrefixDeletesOnlyThatPrefix() throws Exception {
        for (String key : List.of("enc/v1/a.m4s", "enc/v1/720/b.m4s", "enc/v1/720/c.m4s", "enc/v10/d.m4s", "enc/v2/e.m4s")) {
            store.put(key, stream(key), -1, null);
        }

        assertEquals(3, store.deletePrefix("enc/v1/"));
        assertEquals(List.of("enc/v10/d.m4s", "enc/v2/e.m4s"), keys(store.list("enc/")));
        assertEquals(0, store.deletePrefix("enc/v1/"));
        assertThrows(IllegalArgumentException.class, () -> store.deletePrefix(""));
        assertEquals(2, store.list("").size());
    }

    // ------------------------------------------------------------------ multipart

    @Test
    void multipartOutOfOrderPartsAssembleInPartOrder() throws Exception {
        byte[] part1 = bytes(5 * MIB, 10);
        byte[] part2 = bytes(5 * MIB + 17, 11);
        byte[] part3 = bytes(1234, 12);
        String id = store.createMultipart("uploads/u1/original.mkv", "video/x-matroska");

        PartInfo p3 = store.uploadPart("uploads/u1/original.mkv", id, 3, new ByteArrayInputStream(part3), part3.length);
        PartInfo p1 = store.uploadPart("uploads/u1/original.mkv", id, 1, new ByteArrayInputStream(part1), part1.length);
        PartInfo p2 = store.uploadPart("uploads/u1/original.mkv", id, 2, new ByteArrayInputStream(part2), -1);
        assertEquals(md5Hex(part1), p1.etag());
        assertEquals(new PartInfo(2, md5Hex(part2), part2.length), p2);

        assertEquals(List.of(p1, p2, p3), store.listParts("uploads/u1/original.mkv", id));
        assertFalse(store.exists("uploads/u1/original.mkv"), "nothing visible before completion");

        store.completeMultipart("uploads/u1/original.mkv", id, List.of(p1, p2, p3));

        byte[] whole = concat(part1, part2, part3);
        ObjectInfo info = store.stat("uploads/u1/original.mkv").orElseThrow();
        assertEquals(whole.length, info.size());
        assertTrue(info.etag().endsWith("-3"), "S3-style multipart etag: " + info.etag());
        assertEquals("video/x-matroska", info.contentType());
        assertEquals(sha256(whole), sha256(store.get("uploads/u1/original.mkv")));
        assertUploadGone("uploads/u1/original.mkv", id, "the upload is gone once completed");
    }

    @Test
    void multipartResumesFromListedParts() throws Exception {
        byte[] part1 = bytes(5 * MIB, 20);
        byte[] part2 = bytes(777, 21);
        String id = store.createMultipart("uploads/u2/original.mp4", null);
        store.uploadPart("uploads/u2/original.mp4", id, 1, new ByteArrayInputStream(part1), part1.length);

        // a new client session knows only the upload id: it asks what is there and sends the rest
        List<PartInfo> done = store.listParts("uploads/u2/original.mp4", id);
        assertEquals(List.of(new PartInfo(1, md5Hex(part1), part1.length)), done);
        store.uploadPart("uploads/u2/original.mp4", id, 2, new ByteArrayInputStream(part2), part2.length);
        List<PartInfo> all = store.listParts("uploads/u2/original.mp4", id);
        assertEquals(2, all.size());
        store.completeMultipart("uploads/u2/original.mp4", id,
                all.stream().map(p -> PartInfo.of(p.partNumber(), p.etag())).toList());

        assertEquals(sha256(concat(part1, part2)), sha256(store.get("uploads/u2/original.mp4")));
    }

    @Test
    void resentPartReplacesEarlierOne() throws Exception {
        String id = store.createMultipart("uploads/u3/a.bin", null);
        store.uploadPart("uploads/u3/a.bin", id, 1, stream("garbled"), -1);
        PartInfo good = store.uploadPart("uploads/u3/a.bin", id, 1, stream("correct"), 7);

        assertEquals(List.of(good), store.listParts("uploads/u3/a.bin", id));
        store.completeMultipart("uploads/u3/a.bin", id, List.of(good));
        assertEquals("correct", readString(store.get("uploads/u3/a.bin")));
    }

    @Test
    void abortDiscardsTheUpload() throws Exception {
        String id = store.createMultipart("uploads/u4/a.bin", null);
        store.uploadPart("uploads/u4/a.bin", id, 1, stream("part"), 4);
        PartInfo part = store.listParts("uploads/u4/a.bin", id).get(0);
        store.abortMultipart("uploads/u4/a.bin", id);

        assertUploadGone("uploads/u4/a.bin", id, "aborted");
        assertThrows(ObjectNotFoundException.class,
                () -> store.completeMultipart("uploads/u4/a.bin", id, List.of(part)));
        assertThrows(ObjectNotFoundException.class, () -> store.abortMultipart("uploads/u4/a.bin", id));
        if (serverTracksUploads()) { // s3proxy 4.1.0 accepts (and hides) parts sent to an aborted upload
            assertThrows(ObjectNotFoundException.class,
                    () -> store.uploadPart("uploads/u4/a.bin", id, 2, stream("late"), 4));
        }
        assertFalse(store.exists("uploads/u4/a.bin"));
        assertEquals(List.of(), store.list(""), "nothing of the upload is listed");
    }

    @Test
    void unknownUploadIdIsNotFound() throws Exception {
        String id = store.createMultipart("uploads/u5/a.bin", null);
        PartInfo part = store.uploadPart("uploads/u5/a.bin", id, 1, stream("x"), 1);
        String unknown = "00000000-0000-0000-0000-000000000000";

        assertUploadGone("uploads/u5/a.bin", unknown, "unknown upload id");
        assertUploadGone("uploads/other/a.bin", id, "an upload id only works with its own key");
        assertThrows(ObjectNotFoundException.class, () -> store.abortMultipart("uploads/u5/a.bin", unknown));
        assertThrows(ObjectNotFoundException.class,
                () -> store.completeMultipart("uploads/u5/a.bin", unknown, List.of(part)));
        assertThrows(ObjectNotFoundException.class,
                () -> store.completeMultipart("uploads/other/a.bin", id, List.of(part)));
        assertEquals(List.of(part), store.listParts("uploads/u5/a.bin", id), "the real upload is untouched");
    }

    @Test
    void completionRejectsBadPartLists() throws Exception {
        byte[] small = bytes(1000, 30);
        String key = "uploads/u6/a.bin";
        String id = store.createMultipart(key, null);
        PartInfo p1 = store.uploadPart(key, id, 1, new ByteArrayInputStream(small), small.length);
        PartInfo p2 = store.uploadPart(key, id, 2, new ByteArrayInputStream(small), small.length);

        assertThrows(IllegalArgumentException.class, () -> store.completeMultipart(key, id, List.of()));
        assertThrows(IllegalArgumentException.class, () -> store.completeMultipart(key, id, List.of(p2, p1)),
                "descending part order");
        assertThrows(IllegalArgumentException.class,
                () -> store.completeMultipart(key, id, List.of(PartInfo.of(1, md5Hex(new byte[1])))), "wrong etag");
        assertThrows(IllegalArgumentException.class, () -> store.completeMultipart(key, id, List.of(p1, p2)),
                "a part before the last one smaller than 5 MiB");
        assertFalse(store.exists(key));

        store.completeMultipart(key, id, List.of(p2)); // any subset in order is fine, the rest is dropped
        assertArrayEquals(small, readAll(store.get(key)));
    }

    @Test
    void partNumbersOutsideS3RangeAreRejected() throws Exception {
        String id = store.createMultipart("uploads/u7/a.bin", null);
        assertThrows(IllegalArgumentException.class, () -> store.uploadPart("uploads/u7/a.bin", id, 0, stream("x"), 1));
        assertThrows(IllegalArgumentException.class,
                () -> store.uploadPart("uploads/u7/a.bin", id, 10_001, stream("x"), 1));
    }

    // ------------------------------------------------------------------ keys, health

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs/key", "a/../b", "..", "a/..", "a..b", "a\\b", "a\u0000b", "a\nb", "a\u007fb",
        "a//b", "a/", ".hidden", "a/.multipart/x", "a/./b"})
    void invalidKeysAreRejected(String key) {
        assertThrows(IllegalArgumentException.class, () -> store.put(key, stream("x"), 1, null));
        assertThrows(IllegalArgumentException.class, () -> store.get(key));
        assertThrows(IllegalArgumentException.class, () -> store.stat(key));
        assertThrows(IllegalArgumentException.class, () -> store.delete(key));
        assertThrows(IllegalArgumentException.class, () -> store.createMultipart(key, null));
        assertThrows(IllegalArgumentException.class, () -> store.transferTo(key, 0, -1, new ByteArrayOutputStream()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/x", "../", "a/../", "a\\", "a//"})
    void invalidPrefixesAreRejected(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> store.list(prefix));
        assertThrows(IllegalArgumentException.class, () -> store.deletePrefix(prefix));
    }

    @Test
    void unusualButValidKeysWork() throws Exception {
        String key = "videos/Ünïcode name (1)/日本語 & more+plus=eq.mp4";
        store.put(key, stream("ok"), 2, null);
        assertEquals("ok", readString(store.get(key)));
        assertEquals(List.of(key), keys(store.list("videos/")));
    }

    @Test
    void healthCheckIsOk() {
        StoreHealth health = store.check();
        assertTrue(health.ok(), health.message());
        assertFalse(health.message().isBlank());
    }

    // ------------------------------------------------------------------ helpers

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static String readString(InputStream in) throws IOException {
        return new String(readAll(in), StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static List<String> keys(List<ObjectInfo> infos) {
        return infos.stream().map(ObjectInfo::key).toList();
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("MD5").digest(data));
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(data));
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest("SHA-256");
        try (in) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
