package io.kinora.ingest.tus;

import io.kinora.catalog.application.Visibilities;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.Profiles;
import io.kinora.ingest.application.IngestService;
import io.kinora.ingest.application.UploadLimits;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tus 1.0 server logic (core, creation, creation-with-upload, creation-defer-length, termination,
 * checksum, expiration). PATCH bodies are streamed onto the upload's data file and fsynced before the
 * answer, so an acknowledged offset survives a crash, and digested on the way ({@link TusHashes}). The last
 * PATCH is answered as soon as its bytes are on disk: the video exists then (stage {@code validating}) and
 * {@link TusCompletion} checks and stores the file after the answer.
 */
@ApplicationScoped
public class TusService {
    private static final Logger LOG = Logger.getLogger(TusService.class.getName());

    @Inject TusFiles files;
    @Inject IngestService ingest;
    @Inject UploadLimits limits;
    @Inject TusHashes hashes;
    @Inject TusCompletion completion;
    @Inject io.kinora.ingest.application.UploadSeconds uploadSeconds;
    @Inject io.kinora.tracing.Traces traces;

    @Inject @ConfigProperty(name = "kinora.tus.expiry", defaultValue = "PT24H")
    Duration expiry;

    /** Write-behind for PATCH bodies ({@link TusAppender}). */
    private final ExecutorService writers = TusAppender.writers();

    /** One writer per upload on this node; a second concurrent PATCH waits briefly, then gets 423. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** The state a response reports; {@code video} is set when this call completed the upload. */
    public record State(TusUpload upload, long offset, Video video) { }

    public long maxSize() { return limits.maxBytes(); }

    @PreDestroy
    void stop() {
        writers.shutdown();
    }

    public State create(Caller caller, Long length, boolean deferLength, String metadata) throws IOException {
        if ((length == null) == !deferLength) {
            throw ProblemException.badRequest("invalid-upload-length", "send Upload-Length or Upload-Defer-Length: 1");
        }
        if (length != null) checkLength(length);
        Map<String, String> meta = TusMetadata.parse(metadata);
        request(caller.userId(), meta, caller.admin()); // refuses bad visibility/profile now, not after the bytes
        Instant now = Instant.now();
        TusUpload u = new TusUpload(UUID.randomUUID().toString(), caller.userId(), length, metadata == null ? "" : metadata,
                meta, now.plus(expiry), null, now);
        files.create(u);
        return new State(u, 0, null);
    }

    public State head(Caller caller, String id) throws IOException {
        TusUpload u = owned(caller, id);
        return new State(u, files.offset(u), null);
    }

    /**
     * Appends one PATCH body at {@code offset}. {@code contentLength} is -1 when unknown;
     * {@code newLength} carries a deferred Upload-Length.
     */
    public State append(Caller caller, String id, long offset, Long newLength, InputStream body, long contentLength,
                        String checksumHeader) throws IOException {
        TusChecksum checksum = TusChecksum.parse(checksumHeader);
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(5, TimeUnit.SECONDS)) throw new ProblemException(ProblemException.Kind.LOCKED, "upload-locked", "another request is writing this upload");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "interrupted", "interrupted");
        }
        try {
            TusUpload u = owned(caller, id);
            long current = files.offset(u);
            if (offset != current) throw ProblemException.conflict("offset-mismatch", "the upload is at offset " + current);
            if (u.completed()) return new State(u, current, null);
            if (newLength != null) {
                if (u.length() != null && !u.length().equals(newLength)) {
                    throw ProblemException.badRequest("upload-length-fixed", "Upload-Length is already " + u.length());
                }
                checkLength(newLength);
                if (newLength < current) throw ProblemException.badRequest("invalid-upload-length", "Upload-Length is below the offset");
                u = u.withLength(newLength);
            }
            long room = (u.length() != null ? u.length() : maxSize()) - current;
            if (contentLength > room) throw tooLarge(u);
            long written = checksum == null ? appendDirect(u, body, room) : appendChecked(u, body, room, checksum);
            u = u.withExpires(Instant.now().plus(expiry));
            files.save(u);
            long now = current + written;
            if (u.length() != null && now == u.length()) {
                uploadSeconds.tusCompleted(u.created(), traces.currentTraceId());
                return complete(caller, u);
            }
            return new State(u, now, null);
        } finally {
            lock.unlock();
        }
    }

    public void terminate(Caller caller, String id) throws IOException {
        owned(caller, id);
        files.delete(id);
        locks.remove(id);
        hashes.forget(id);
    }

    /** Deletes uploads whose expiry has passed (stale partial uploads and the records of finished ones). */
    public int purgeExpired() {
        int n = 0;
        for (String id : files.ids()) {
            try {
                var u = files.load(id);
                boolean stale = u.map(x -> x.expires().isBefore(Instant.now()))
                        .orElseGet(() -> olderThanExpiry(files.root().resolve(id)));
                if (stale) {
                    files.delete(id);
                    locks.remove(id);
                    hashes.forget(id);
                    n++;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning("could not check tus upload " + id + ": " + e);
            }
        }
        return n;
    }

    private boolean olderThanExpiry(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().plus(expiry).isBefore(Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The last byte arrived: what is quick is decided now (empty, the owner's same bytes already a video), the
     * video is created in stage {@code validating}, and the answer goes out; probing and storing the file run
     * after it ({@link TusCompletion}), a refusal then fails the video (status, SSE, webhook).
     */
    private State complete(Caller caller, TusUpload u) throws IOException {
        Path data = files.data(u.id());
        IngestService.Accepted accepted;
        String sha256;
        try {
            sha256 = hashes.finish(u.id(), data, u.length());
            accepted = ingest.reserve(request(u.ownerId(), u.decoded(), caller.admin()), u.length(), sha256);
        } catch (ProblemException e) {
            files.delete(u.id()); // a refused upload leaves nothing behind
            locks.remove(u.id());
            throw e;
        }
        u = u.withVideo(accepted.video().id());
        files.save(u);
        if (accepted.duplicate()) Files.deleteIfExists(data);
        else completion.validate(u, sha256, caller.admin());
        return new State(u, u.length(), accepted.video());
    }

    private IngestService.Request request(long owner, Map<String, String> meta, boolean priority) {
        String filename = meta.containsKey("filename") ? meta.get("filename") : meta.get("name");
        String profile = blankToNull(meta.get("profile"));
        if (profile != null && Profiles.byName(profile).isEmpty()) {
            throw ProblemException.badRequest("unknown-profile", "no encoding profile named " + profile);
        }
        return new IngestService.Request(owner, filename, blankToNull(meta.get("title")), Visibilities.parse(meta.get("visibility")),
                profile, priority, io.kinora.captions.AutoCaptionRequest.parse(meta.get("autoCaptions"), meta.get("captionsLang")));
    }


    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    private TusUpload owned(Caller caller, String id) throws IOException {
        TusUpload u = files.load(id).filter(x -> caller.mayManage(x.ownerId()))
                .orElseThrow(() -> ProblemException.notFound("no-such-upload", "no such upload"));
        if (u.expires().isBefore(Instant.now())) throw new ProblemException(ProblemException.Kind.GONE, "upload-expired", "the upload expired");
        return u;
    }

    private void checkLength(long length) {
        if (length < 0) throw ProblemException.badRequest("invalid-upload-length", "Upload-Length must be >= 0");
        if (length > maxSize()) throw new ProblemException(ProblemException.Kind.TOO_LARGE, "too-large", "the upload exceeds Tus-Max-Size " + maxSize());
    }

    private ProblemException tooLarge(TusUpload u) {
        return u.length() != null
                ? new ProblemException(ProblemException.Kind.TOO_LARGE, "exceeds-upload-length", "the body goes past Upload-Length " + u.length())
                : new ProblemException(ProblemException.Kind.TOO_LARGE, "too-large", "the upload exceeds Tus-Max-Size " + maxSize());
    }

    /**
     * Streams the body onto the data file; bytes that arrived before a cut are kept (and synced). The upload's
     * SHA-256 runs along, so completion needs no second read.
     */
    private long appendDirect(TusUpload u, InputStream body, long room) throws IOException {
        Path data = files.data(u.id());
        long start = Files.size(data);
        TusHashes.Running sha = hashes.at(u.id(), data, start);
        try (TusAppender out = TusAppender.open(data, sha, writers)) {
            try {
                copy(body, out, room, null);
            } catch (TooMuch e) {
                out.truncate(start);
                throw tooLarge(u);
            } finally {
                try {
                    out.flush();
                } finally {
                    out.force();
                    hashes.settle(u.id(), sha, out.size());
                }
            }
            return out.size() - start;
        }
    }

    /** A checksummed body is spooled and verified first: a mismatching chunk never reaches the data file. */
    private long appendChecked(TusUpload u, InputStream body, long room, TusChecksum checksum) throws IOException {
        Path chunk = files.root().resolve(u.id()).resolve("chunk");
        Path data = files.data(u.id());
        TusHashes.Running sha;
        try {
            try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
                sha = hashes.at(u.id(), data, ch.size());
            }
            // the chunk is digested on a copy of the running SHA-256, adopted only once it is on the data file
            TusHashes.Running candidate;
            try {
                candidate = new TusHashes.Running((java.security.MessageDigest) sha.sha.clone(), sha.covered);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
            Files.deleteIfExists(chunk);
            try (TusAppender ch = TusAppender.scratch(Files.createFile(chunk), candidate)) {
                copy(body, ch, room, checksum.digest());
                ch.flush();
            } catch (TooMuch e) {
                throw tooLarge(u);
            }
            if (!checksum.matches()) throw new ProblemException(ProblemException.Kind.CHECKSUM_MISMATCH, "checksum-mismatch", "the chunk did not match Upload-Checksum");
            try (FileChannel in = FileChannel.open(chunk, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(data, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                long n = in.size();
                try {
                    for (long done = 0; done < n; ) done += in.transferTo(done, n - done, out);
                    out.force(false);
                    sha.sha = candidate.sha;
                    sha.covered = candidate.covered;
                } finally {
                    hashes.settle(u.id(), sha, out.size());
                }
                return n;
            }
        } finally {
            Files.deleteIfExists(chunk);
        }
    }

    private static final class TooMuch extends Exception {
        TooMuch() { super(null, null, false, false); }
    }

    /**
     * The servlet stream hands out at most one Undertow buffer (16 KiB) per read: the body is gathered into 1 MiB
     * before it is handed on, so each MiB costs one digest call instead of 64; the upload's SHA-256 is the appender's.
     */
    private static void copy(InputStream in, TusAppender out, long room, MessageDigest digest)
            throws IOException, TooMuch {
        byte[] buf = new byte[1 << 20];
        long total = 0;
        while (true) {
            int n = 0;
            IOException cut = null;
            try {
                for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0; ) n += r;
            } catch (IOException e) {
                cut = e; // the bytes that did arrive are still kept, as with a cut between two reads
            }
            total += n;
            if (total > room) throw new TooMuch();
            if (n > 0) {
                if (digest != null) digest.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            if (cut != null) throw cut;
            if (n < buf.length) return;
        }
    }
}
