package io.kinora.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FilesystemObjectStoreTest extends ObjectStoreContractTest {

    Path root;

    @Override
    ObjectStore newStore() throws Exception {
        root = tmp.resolve("objects");
        return new FilesystemObjectStore(root);
    }

    @Test
    void objectsAreFilesUnderTheirKey() throws Exception {
        store.put("a/b/c.txt", stream("hello"), 5, null);
        assertEquals("hello", Files.readString(root.resolve("a/b/c.txt")));
        assertEquals("filesystem", store.kind());
    }

    /** Issue 19, point 11: a finished upload is renamed into the store, not copied (before: no adopt, a copy). */
    @Test
    void adoptRenamesTheFileIntoTheStore() throws Exception {
        Path upload = Files.writeString(tmp.resolve("upload-data"), "the uploaded bytes");
        Object inode = Files.getAttribute(upload, "unix:ino");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("the uploaded bytes".getBytes(StandardCharsets.UTF_8)));
        store.adopt("videos/v1/source", upload, sha);
        assertFalse(Files.exists(upload), "given up by the caller");
        assertEquals(inode, Files.getAttribute(root.resolve("videos/v1/source"), "unix:ino"), "the same file, renamed");
        ObjectInfo info = store.stat("videos/v1/source").orElseThrow();
        assertEquals(18, info.size());
        assertEquals(sha.substring(0, 32), info.etag(), "no second read for an MD5");
        assertEquals("the uploaded bytes", new String(store.get("videos/v1/source").readAllBytes(), StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.list(root.resolve("videos/v1"))) {
            assertEquals(List.of("source"), s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
        }
    }

    @Test
    void deletePrefixRemovesEmptiedDirectories() throws Exception {
        store.put("enc/v1/720/a.m4s", stream("a"), 1, null);
        store.put("enc/v1/1080/b.m4s", stream("b"), 1, null);
        store.put("enc/v2/c.m4s", stream("c"), 1, null);

        assertEquals(2, store.deletePrefix("enc/v1/"));
        assertFalse(Files.exists(root.resolve("enc/v1")), "enc/v1 and its subdirectories are gone");
        assertTrue(Files.exists(root.resolve("enc/v2/c.m4s")));

        store.delete("enc/v2/c.m4s");
        assertFalse(Files.exists(root.resolve("enc")), "delete prunes empty parents too");
        assertTrue(Files.isDirectory(root), "but never the root");
    }

    @Test
    void noTempOrMetadataFilesAreLeftOrListed() throws Exception {
        store.put("k/a.bin", stream("content"), -1, null);
        String id = store.createMultipart("k/b.bin", null);
        PartInfo p = store.uploadPart("k/b.bin", id, 1, stream("part"), 4);
        store.completeMultipart("k/b.bin", id, List.of(p));

        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList());
        }
        try (Stream<Path> uploads = Files.list(root.resolve(".multipart"))) {
            assertEquals(0, uploads.count(), "completed uploads leave nothing behind");
        }
        assertEquals(List.of("k/a.bin", "k/b.bin"), keys(store.list("")));
    }

    @Test
    void etagIsRecomputedWhenAFileChangedBehindTheStoresBack() throws Exception {
        store.put("k/a.txt", stream("original"), -1, "text/plain");
        Files.writeString(root.resolve("k/a.txt"), "edited by hand, longer");

        ObjectInfo info = store.stat("k/a.txt").orElseThrow();
        assertEquals(md5Hex("edited by hand, longer".getBytes(StandardCharsets.UTF_8)), info.etag());
        assertEquals("text/plain", info.contentType(), "content type survives from the sidecar");
    }

    @Test
    void filesPlacedWithoutSidecarGetEtagAndGuessedType() throws Exception {
        Files.createDirectories(root.resolve("import"));
        Files.writeString(root.resolve("import/subs.vtt"), "WEBVTT\n");

        ObjectInfo info = store.stat("import/subs.vtt").orElseThrow();
        assertEquals(md5Hex("WEBVTT\n".getBytes(StandardCharsets.UTF_8)), info.etag());
        assertEquals("text/vtt", info.contentType());
    }

    @Test
    void multipartEtagHasS3Form() throws Exception {
        byte[] part1 = bytes(5 * MIB, 40);
        byte[] part2 = bytes(10, 41);
        String id = store.createMultipart("k/m.bin", null);
        PartInfo p1 = store.uploadPart("k/m.bin", id, 1, new ByteArrayInputStream(part1), part1.length);
        PartInfo p2 = store.uploadPart("k/m.bin", id, 2, new ByteArrayInputStream(part2), part2.length);
        store.completeMultipart("k/m.bin", id, List.of(p1, p2));

        byte[] md5s = concat(java.util.HexFormat.of().parseHex(p1.etag()), java.util.HexFormat.of().parseHex(p2.etag()));
        assertEquals(md5Hex(md5s) + "-2", store.stat("k/m.bin").orElseThrow().etag(), "md5 of part md5s, dash, count");
    }

    @Test
    void cannotPresign() throws Exception {
        String id = store.createMultipart("k/a.bin", null);
        assertTrue(store.presignPart("k/a.bin", id, 1, Duration.ofMinutes(5)).isEmpty());
        store.put("k/b.bin", stream("x"), 1, null);
        assertTrue(store.presignGet("k/b.bin", Duration.ofMinutes(5)).isEmpty());
    }

    @Test
    void malformedUploadIdsCannotReachOutsideTheMultipartDirectory() throws Exception {
        store.put("k/a.bin", stream("x"), 1, null);
        for (String id : List.of("../../k", "..", "x/../../k")) {
            org.junit.jupiter.api.Assertions.assertThrows(ObjectNotFoundException.class,
                    () -> store.abortMultipart("k/a.bin", id));
        }
        assertTrue(store.exists("k/a.bin"));
    }

    @Test
    void healthIsDownWhenRootIsNotWritable() throws Exception {
        FilesystemObjectStore fs = (FilesystemObjectStore) store;
        Files.delete(fs.root());
        Files.writeString(fs.root(), "a file where the root directory should be");

        StoreHealth health = store.check();
        assertFalse(health.ok());
        assertTrue(health.message().contains("not writable"), health.message());
        assertFalse(health.message().contains(fs.root().toString()), "no server path in any answer: " + health.message());
    }
}
