package io.kinora.ingest.tus;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.UncheckedIOException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Appends a PATCH body to an upload's data file. Whole blocks are written with O_DIRECT: they skip the page cache,
 * whose copy, allocation and later writeback cost more CPU than the SHA-256 and grow the cache by what is about to
 * be moved away anyway (bench/upload, issue 19 point 11). O_DIRECT writes wait for the disk, so a full block is
 * written on another thread while the next one arrives (one in flight), and the upload's SHA-256 of it is computed
 * on a third meanwhile: on the PATCH's own thread, receiving and hashing took turns and left a core idle. A body's unaligned head and tail go through the page cache,
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
    private final Executor writer;
    /** The upload's running SHA-256, fed every byte in order; none for a scratch file. */
    private final TusHashes.Running sha;
    /** The block being filled; it goes to the file at {@link #position}. */
    private ByteBuffer block;
    private long position;
    /** The block being written meanwhile (by {@link #writer}): one at most. */
    private ByteBuffer writing;
    private CompletableFuture<Void> written;
    private boolean broken;

    TusAppender(FileChannel buffered, FileChannel direct, int align, TusHashes.Running sha, Executor writer, long position) {
        this.buffered = buffered;
        this.sha = sha;
        this.direct = direct;
        this.align = align;
        this.writer = writer;
        this.position = position;
    }

    /** Threads for the write-behind: a block goes to the disk while the next one is received. */
    static ExecutorService writers() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kinora-tus-write");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens {@code data} for appending at its end; {@code sha} covers the file so far and is fed what is appended.
     * Whole blocks are written and digested by {@code writer}'s threads meanwhile.
     */
    static TusAppender open(Path data, TusHashes.Running sha, Executor writer) throws IOException {
        int align = alignment(data);
        FileChannel direct = align > 0 ? directOrNull(data) : null;
        FileChannel buffered = FileChannel.open(data, StandardOpenOption.WRITE);
        return new TusAppender(buffered, direct, Math.max(align, 1), sha, writer, Files.size(data));
    }

    /** Opens a scratch file that is read back at once: the page cache is the right place for it. */
    static TusAppender scratch(Path data, TusHashes.Running sha) throws IOException {
        return new TusAppender(FileChannel.open(data, StandardOpenOption.WRITE), null, 1, sha, null, Files.size(data));
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
                digest(ByteBuffer.wrap(b, off, n)); // nothing is in flight here: the bytes before are digested
                writeBuffered(ByteBuffer.wrap(b, off, n), position);
                position += n;
            } else {
                if (block == null) block = take();
                n = Math.min(len, block.remaining());
                block.put(b, off, n);
                if (!block.hasRemaining()) handOff();
            }
            off += n;
            len -= n;
        }
    }

    /** Writes what is held back and waits for it. */
    void flush() throws IOException {
        await();
        if (broken || block == null || block.position() == 0) return;
        block.flip();
        long at = position;
        position += block.remaining();
        try {
            digest(block.duplicate());
            writeOut(block, at);
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
        try {
            await();
        } finally {
            if (block != null) block.clear();
            buffered.truncate(size);
            position = size;
            broken = false;
        }
    }

    @Override
    public void close() throws IOException {
        try (FileChannel b = buffered; FileChannel d = direct) {
            await();
        } finally {
            recycle(block);
            block = null;
        }
    }

    /** A full block is written and digested (each on a writer thread) while the caller fills the next one. */
    private void handOff() throws IOException {
        await();
        if (broken) throw new IOException("an earlier write of this body failed");
        ByteBuffer full = block.flip();
        long at = position;
        position += full.remaining();
        block = null;
        writing = full;
        ByteBuffer toDisk = full.duplicate();
        CompletableFuture<Void> stored = CompletableFuture.runAsync(() -> {
            try {
                writeOut(toDisk, at);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writer);
        ByteBuffer toDigest = full.duplicate();
        written = CompletableFuture.allOf(stored, CompletableFuture.runAsync(() -> digest(toDigest), writer));
    }

    private void digest(ByteBuffer bb) {
        if (sha == null) return;
        int n = bb.remaining();
        sha.sha.update(bb);
        sha.covered += n;
    }

    /** Waits for the block being written; after a failure nothing held back is written (it would leave a gap). */
    private void await() throws IOException {
        if (written != null) {
            try {
                written.join();
            } catch (CompletionException e) {
                broken = true;
                if (block != null) block.clear();
                if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
                throw e;
            } finally {
                written = null;
                recycle(writing);
                writing = null;
            }
        }
    }

    /** Writes {@code buf} at {@code at}: its whole blocks directly, the rest through the page cache. */
    private void writeOut(ByteBuffer buf, long at) throws IOException {
        int end = buf.limit();
        if (direct != null) {
            buf.limit(end / align * align);
            while (buf.hasRemaining()) {
                int n = direct.write(buf, at);
                at += n;
                if (n == 0 || n % align != 0) break; // a short write leaves an unaligned rest: the page cache takes it
            }
            buf.limit(end);
        }
        writeBuffered(buf, at);
    }

    private void writeBuffered(ByteBuffer bb, long at) throws IOException {
        while (bb.hasRemaining()) at += buffered.write(bb, at);
    }

    private static ByteBuffer take() {
        ByteBuffer b = POOL.poll();
        return b != null ? b : ByteBuffer.allocateDirect(BLOCK + ALIGNED).alignedSlice(ALIGNED).slice(0, BLOCK);
    }

    private static void recycle(ByteBuffer b) {
        if (b != null && POOL.size() < POOLED) POOL.offer(b.clear());
    }
}
