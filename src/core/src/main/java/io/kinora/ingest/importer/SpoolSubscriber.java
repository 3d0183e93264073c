package io.kinora.ingest.importer;

import io.kinora.problem.ProblemException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body to a spool file as it arrives, hashing it (SHA-256) and counting bytes: more than
 * {@code max} bytes cancels the download with import-too-large, so nothing is ever held whole in memory and an
 * endless body costs at most the cap. Records when data last arrived, for the read timeout.
 */
final class SpoolSubscriber implements HttpResponse.BodySubscriber<String> {
    private final Path file;
    private final long max;
    private final MessageDigest sha;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private FileChannel out;
    private volatile Flow.Subscription subscription;
    private volatile long lastActivity = System.nanoTime();
    private long count;

    SpoolSubscriber(Path file, long max) {
        this.file = file;
        this.max = max;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        try {
            out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            fail(e);
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) return;
        lastActivity = System.nanoTime();
        try {
            for (ByteBuffer b : buffers) {
                count += b.remaining();
                if (count > max) {
                    fail(new ProblemException(ProblemException.Kind.TOO_LARGE, "import-too-large", "the download exceeds " + max + " bytes"));
                    return;
                }
                sha.update(b.duplicate());
                while (b.hasRemaining()) out.write(b);
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        closeFile();
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        closeFile();
        result.complete(HexFormat.of().formatHex(sha.digest()));
    }

    @Override
    public CompletionStage<String> getBody() { return result; }

    /** Stops the download (cap exceeded, read timeout): cancels the subscription, which drops the connection. */
    void fail(Throwable why) {
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
        closeFile();
        result.completeExceptionally(why);
    }

    long idleNanos() { return System.nanoTime() - lastActivity; }

    private synchronized void closeFile() {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException ignored) {
            // the caller deletes the spool file anyway
        }
        out = null;
    }
}
