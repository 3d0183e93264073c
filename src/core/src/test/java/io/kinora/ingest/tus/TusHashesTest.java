package io.kinora.ingest.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running SHA-256 of tus uploads: kept along the PATCHes, rebuilt from disk when in doubt. */
class TusHashesTest {
    @TempDir Path dir;

    static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** What TusService does per PATCH: digest what it writes, then settle on the file's size. */
    static void patch(TusHashes hashes, Path data, String body) throws Exception {
        TusHashes.Running r = hashes.at("u", data, Files.size(data));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        Files.write(data, b, StandardOpenOption.APPEND);
        r.sha.update(b);
        r.covered += b.length;
        hashes.settle("u", r, Files.size(data));
    }

    @Test
    void keptAlongThePatchesWithoutReadingTheFileAgain() throws Exception {
        TusHashes hashes = new TusHashes();
        Path data = Files.createFile(dir.resolve("data"));
        patch(hashes, data, "first ");
        TusHashes.Running kept = hashes.at("u", data, Files.size(data));
        patch(hashes, data, "second");
        assertSame(kept, hashes.at("u", data, Files.size(data)), "the same running digest, not rebuilt");
        assertEquals(sha("first second"), hashes.finish("u", data, Files.size(data)));
    }

    @Test
    void rebuiltFromDiskAfterARestartOrAWriteItCannotVouchFor() throws Exception {
        TusHashes hashes = new TusHashes();
        Path data = Files.writeString(dir.resolve("data"), "written before a restart, ");
        TusHashes.Running fresh = hashes.at("u", data, Files.size(data)); // nothing in memory: reads the prefix
        patch(hashes, data, "then more");
        // bytes that reached the file without the digest (a write cut half-way) make it start again from the file
        Files.writeString(data, "!", StandardOpenOption.APPEND);
        assertNotSame(fresh, hashes.at("u", data, Files.size(data)));
        assertEquals(sha("written before a restart, then more!"), hashes.finish("u", data, Files.size(data)));
    }
}
