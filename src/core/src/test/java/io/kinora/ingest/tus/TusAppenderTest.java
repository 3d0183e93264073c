package io.kinora.ingest.tus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PATCH bodies of any size at any offset land byte for byte, whether a piece goes direct or through the cache. */
class TusAppenderTest {
    @TempDir Path dir;

    private final ExecutorService writers = TusAppender.writers();

    @AfterEach
    void stop() {
        writers.shutdown();
    }

    @Test
    void bodiesOfAnySizeAtAnyOffsetLandIntact() throws Exception {
        Random random = new Random(19);
        Path data = Files.createFile(dir.resolve("data"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        TusHashes.Running sha = new TusHashes.Running(TusHashes.newSha256(), 0);
        // unaligned starts, pieces smaller and larger than a block, a body that ends exactly on a block
        int[][] patches = {{1000, 7}, {3 << 20, 1 << 20}, {4096 - 1, 1}, {(1 << 20) + 12345, 65536}, {1, 1}, {2 << 20, 4096}};
        for (int[] p : patches) {
            try (TusAppender out = TusAppender.open(data, sha, writers)) {
                assertEquals(expected.size(), out.position());
                for (int left = p[0]; left > 0; ) {
                    byte[] piece = new byte[Math.min(left, 1 + random.nextInt(p[1]))];
                    random.nextBytes(piece);
                    out.write(piece, 0, piece.length);
                    expected.write(piece);
                    left -= piece.length;
                }
                out.flush();
                out.force();
                assertEquals(expected.size(), out.size());
                assertEquals(expected.size(), sha.covered);
            }
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(data));
        assertArrayEquals(TusHashes.newSha256().digest(expected.toByteArray()), sha.sha.digest(), "the SHA-256 of every byte, in order");
    }

    @Test
    void truncateDropsWhatIsHeldBack() throws Exception {
        Path data = Files.write(dir.resolve("data"), new byte[5000]);
        try (TusAppender out = TusAppender.open(data, new TusHashes.Running(TusHashes.newSha256(), 5000), writers)) {
            out.write(new byte[3 << 20], 0, 3 << 20);
            out.truncate(5000);
            out.flush();
            assertEquals(5000, out.size());
        }
        assertEquals(5000, Files.size(data));
    }

    @Test
    void aFailedWriteBehindIsReportedAndNothingAfterItIsWritten() throws Exception {
        Path data = Files.createFile(dir.resolve("data"));
        FileChannel broken = FileChannel.open(data, StandardOpenOption.WRITE);
        broken.close(); // the block written behind fails: ClosedChannelException
        byte[] mib = new byte[1 << 20];
        try (TusAppender out = new TusAppender(FileChannel.open(data, StandardOpenOption.WRITE), broken, 4096, null, writers, 0)) {
            out.write(mib, 0, mib.length); // handed off: fails on the writer thread
            assertThrows(ClosedChannelException.class, () -> out.write(mib, 0, mib.length));
            out.write(new byte[10], 0, 10);
            out.flush(); // the failure was reported once; nothing held back goes to the file after the gap
        }
        assertEquals(0, Files.size(data));
    }
}
