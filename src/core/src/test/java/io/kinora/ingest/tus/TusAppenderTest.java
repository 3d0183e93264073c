package io.kinora.ingest.tus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PATCH bodies of any size at any offset land byte for byte, whether a piece goes direct or through the cache. */
class TusAppenderTest {
    @TempDir Path dir;

    @Test
    void bodiesOfAnySizeAtAnyOffsetLandIntact() throws Exception {
        Random random = new Random(19);
        Path data = Files.createFile(dir.resolve("data"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        // unaligned starts, pieces smaller and larger than a block, a body that ends exactly on a block
        int[][] patches = {{1000, 7}, {3 << 20, 1 << 20}, {4096 - 1, 1}, {(1 << 20) + 12345, 65536}, {1, 1}, {2 << 20, 4096}};
        for (int[] p : patches) {
            try (TusAppender out = TusAppender.open(data)) {
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
            }
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(data));
    }

    @Test
    void truncateDropsWhatIsHeldBack() throws Exception {
        Path data = Files.write(dir.resolve("data"), new byte[5000]);
        try (TusAppender out = TusAppender.open(data)) {
            out.write(new byte[3 << 20], 0, 3 << 20);
            out.truncate(5000);
            out.flush();
            assertEquals(5000, out.size());
        }
        assertEquals(5000, Files.size(data));
    }
}
