package io.kinora.ingest.tus;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Appends a PATCH body to an upload's data file. Whole blocks are written with O_DIRECT: they skip the page cache,
 * whose copy, allocation and later writeback cost more CPU than the SHA-256 and grow the cache by what is about to
 * be moved away anyway (bench/upload, issue 19 point 11). A body's unaligned head and tail go through the page cache,
 * and everything does where the file system refuses O_DIRECT (tmpfs on older kernels, some network file systems).
 * Nothing is durable before {@link #force()}: O_DIRECT bypasses the cache, not the disk's own.
 */
final class TusAppender implements AutoCloseable {
    private static final int BLOCK = 1 << 20;
    /** Aligned direct buffers are costly to make and freed only by a GC: a few are kept for the next PATCHes. */
    private static final Queue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
    private static final int POOLED = 8;
    /** The buffers' address alignment: a multiple of any block size O_DIRECT is used with. */
    private static final int ALIGNED = 65536;

    private final FileChannel buffered;
    private final FileChannel direct;
    private final int align;
    private ByteBuffer block;
    private long position;

    private TusAppender(FileChannel buffered, FileChannel direct, int align, long position) {
        this.buffered = buffered;
        this.direct = direct;
        this.align = align;
        this.position = position;
    }

    /** Opens {@code data} for appending at its end. */
    static TusAppender open(Path data) throws IOException {
        return open(data, true);
    }

    /** Opens a scratch file that is read back at once: the page cache is the right place for it. */
    static TusAppender scratch(Path data) throws IOException {
        return open(data, false);
    }

    private static TusAppender open(Path data, boolean bypassCache) throws IOException {
        int align = bypassCache ? alignment(data) : 0;
        FileChannel direct = align > 0 ? directOrNull(data) : null;
        FileChannel buffered = FileChannel.open(data, StandardOpenOption.WRITE);
        return new TusAppender(buffered, direct, Math.max(align, 1), Files.size(data));
    }

    /** The block size O_DIRECT needs here; 0 when unknown or more than the buffers are aligned to. */
    private static int alignment(Path data) {
        try {
            long a = Math.max(4096, Files.getFileStore(data).getBlockSize());
            return a <= ALIGNED && BLOCK % a == 0 ? (int) a : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    private static FileChannel directOrNull(Path data) {
        try {
            return FileChannel.open(data, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException | LinkageError e) {
            return null; // EINVAL: no O_DIRECT on this file system; LinkageError: jdk.unsupported not visible
        }
    }

    /** Where the next byte goes (the file's size once {@link #flush()} ran). */
    long position() {
        return position + (block == null ? 0 : block.position());
    }

    void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n;
            if (direct == null || (block == null || block.position() == 0) && position % align != 0) {
                // the page cache takes bytes up to the next aligned offset (or all of them without O_DIRECT)
                n = direct == null ? len : (int) Math.min(len, align - position % align);
                writeBuffered(ByteBuffer.wrap(b, off, n));
            } else {
                if (block == null) block = take();
                n = Math.min(len, block.remaining());
                block.put(b, off, n);
                if (!block.hasRemaining()) flush();
            }
            off += n;
            len -= n;
        }
    }

    /** Writes what is held back: its whole blocks directly, the rest through the page cache. */
    void flush() throws IOException {
        if (block == null || block.position() == 0) return;
        block.flip();
        int whole = block.limit() / align * align;
        int end = block.limit();
        try {
            block.limit(whole);
            while (block.hasRemaining()) {
                int n = direct.write(block, position);
                position += n;
                if (n == 0 || n % align != 0) break; // a short write leaves an unaligned rest: the page cache takes it
            }
            block.limit(end);
            writeBuffered(block);
        } finally {
            block.clear();
        }
    }

    /** fdatasync: the bytes and the file's size are on disk (both ways of writing share the inode). */
    void force() throws IOException {
        buffered.force(false);
    }

    long size() throws IOException {
        return buffered.size();
    }

    void truncate(long size) throws IOException {
        if (block != null) block.clear();
        buffered.truncate(size);
        position = size;
    }

    @Override
    public void close() throws IOException {
        try (FileChannel b = buffered; FileChannel d = direct) {
            if (block != null && POOL.size() < POOLED) POOL.offer(block.clear());
            block = null;
        }
    }

    private void writeBuffered(ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) position += buffered.write(bb, position);
    }

    private ByteBuffer take() {
        ByteBuffer b = POOL.poll();
        return b != null ? b : ByteBuffer.allocateDirect(BLOCK + ALIGNED).alignedSlice(ALIGNED).slice(0, BLOCK);
    }
}
