package io.kinora.ingest.application;

import io.kinora.captions.AutoCaptionRecords;
import io.kinora.captions.AutoCaptionRequest;

import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.catalog.domain.Visibility;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.Profiles;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.media.FfmpegLocator;
import io.kinora.media.MediaLimits;
import io.kinora.media.MediaProbe;
import io.kinora.media.MediaRejectedException;
import io.kinora.problem.ProblemException;
import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes an uploaded file from any ingest path, checks it before anything is created, and hands it to
 * the encoder: spool to a private temp file while hashing (never in memory), refuse what is too big or
 * empty, return the owner's existing video for identical bytes, ffprobe it with the whitelists, and only
 * then create the video, store the original and queue the job. A refusal leaves no object, row or file.
 */
@ApplicationScoped
public class IngestService {
    @Inject ObjectStore store;
    @Inject VideoCatalog catalog;
    @Inject IngestDispatcher dispatcher;
    @Inject FfmpegLocator ffmpeg;
    @Inject UploadLimits limits;
    @Inject EncodeSettings settings;
    @Inject AutoCaptionRecords autoCaptions;
    @Inject UploadSeconds uploadSeconds;
    @Inject io.kinora.tracing.Traces traces;

    @Inject @ConfigProperty(name = "kinora.data.dir", defaultValue = "./kinora-data")
    String dataDir;

    /** {@code captions}: what the upload says about automatic captions (null: nothing, the defaults apply). */
    public record Request(long ownerId, String filename, String title, Visibility visibility, String profile,
                          boolean priority, AutoCaptionRequest captions) {
        public Request(long ownerId, String filename, String title, Visibility visibility, String profile, boolean priority) {
            this(ownerId, filename, title, visibility, profile, priority, null);
        }
    }

    public record Accepted(Video video, boolean duplicate) { }

    /** The profile the upload gets, once its size and profile name are acceptable. */
    private String checkedProfile(Request request, long size) {
        if (size == 0) throw ProblemException.badRequest("empty-file", "the upload is empty");
        if (size > limits.maxBytes()) {
            throw new ProblemException(ProblemException.Kind.TOO_LARGE, "too-large", "the upload exceeds " + limits.maxBytes() + " bytes");
        }
        String profile = request.profile() == null ? settings.defaultProfile() : request.profile();
        if (Profiles.byName(profile).isEmpty()) {
            throw ProblemException.badRequest("unknown-profile", "no encoding profile named " + profile);
        }
        return profile;
    }

    /** The title given, or one made from the file's name; at most 300 characters. */
    private static String title(Request request, String filename) {
        String title = request.title() != null && !request.title().isBlank() ? request.title().strip()
                : DisplayNames.titleFrom(filename);
        return title.length() > 300 ? title.substring(0, 300) : title;
    }

    /** The owner's video of the same bytes, unless that one failed (then the upload is a new try). */
    private java.util.Optional<Video> duplicate(Request request, String sha256) {
        return catalog.findDuplicate(request.ownerId(), sha256).filter(v -> v.status() != VideoStatus.FAILED);
    }

    public Accepted accept(Request request, InputStream body) throws IOException {
        Path spool = spoolDir().resolve("upload-" + UUID.randomUUID());
        try {
            long started = System.nanoTime();
            String sha256 = spool(body, spool);
            uploadSeconds.requestReceived(System.nanoTime() - started, traces.currentTraceId());
            return acceptFile(request, spool, sha256);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** For ingest paths that already hold the complete file (tus, multipart); the caller deletes it. */
    public Accepted acceptFile(Request request, Path file, String sha256) throws IOException {
        long size = Files.size(file);
        String profile = checkedProfile(request, size);
        var existing = duplicate(request, sha256);
        if (existing.isPresent()) return new Accepted(existing.get(), true);
        try {
            new MediaProbe(ffmpeg.installation(), MediaLimits.DEFAULT).probe(file);
        } catch (MediaRejectedException e) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, e.reason().code(), e.getMessage());
        }
        String filename = DisplayNames.filename(request.filename());
        String title = title(request, filename);
        Video video = catalog.create(request.ownerId(), title,
                request.visibility() == null ? Visibility.PRIVATE : request.visibility(), profile);
        String key = new VideoKeys(video.id()).source();
        try {
            store.put(key, file);
            video = catalog.attachSource(video.id(), filename, key, size, sha256);
            if (request.captions() != null && request.captions().saysSomething()) {
                autoCaptions.request(video.id(), request.captions().wanted(), request.captions().lang(),
                        AutoCaptionRecords.State.REQUESTED);
            }
            dispatcher.dispatch(video.id(), request.priority() || size <= limits.smallBytes());
        } catch (IOException | RuntimeException e) {
            store.delete(key);
            catalog.deleteRow(video.id());
            throw e;
        }
        return new Accepted(video, false);
    }

    /**
     * The quick half of {@link #acceptFile}, for an upload whose file is checked after the client's answer: size,
     * profile and the owner's same bytes (then that video, {@code duplicate}) decided now, otherwise the video is
     * created without its original; {@link #acceptInto} then probes and stores the file, or the caller fails the
     * video with the refusal's code.
     */
    public Accepted reserve(Request request, long size, String sha256) {
        String profile = checkedProfile(request, size);
        var existing = duplicate(request, sha256);
        if (existing.isPresent()) return new Accepted(existing.get(), true);
        String filename = DisplayNames.filename(request.filename());
        String title = title(request, filename);
        return new Accepted(catalog.createArriving(request.ownerId(), title,
                request.visibility() == null ? Visibility.PRIVATE : request.visibility(), profile, filename, size, sha256), false);
    }

    /**
     * For a video that exists before its bytes (a torrent import creates its videos when it starts): the same
     * checks as {@link #acceptFile} (size, same bytes already owned, ffprobe with the whitelists), then the file
     * is stored as this video's original and encoded. A refusal throws and stores nothing; the caller fails the
     * video with the refusal's code and deletes the file.
     */
    @jakarta.enterprise.context.control.ActivateRequestContext // called from torrent download threads: the JMSContext is request-scoped
    public Video acceptInto(String videoId, Path file, String sha256, String filename, boolean priority) throws IOException {
        return acceptInto(videoId, file, sha256, filename, priority, false);
    }

    /** As above; {@code adopt}: the file is handed to the store (renamed where it can be, see {@link ObjectStore#adopt}). */
    @jakarta.enterprise.context.control.ActivateRequestContext
    public Video acceptInto(String videoId, Path file, String sha256, String filename, boolean priority, boolean adopt)
            throws IOException {
        Video video = catalog.require(videoId);
        long size = Files.size(file);
        if (size == 0) throw ProblemException.badRequest("empty-file", "the file is empty");
        if (size > limits.maxBytes()) {
            throw new ProblemException(ProblemException.Kind.TOO_LARGE, "too-large", "the file exceeds " + limits.maxBytes() + " bytes");
        }
        var existing = catalog.findDuplicate(video.ownerId(), sha256);
        if (existing.isPresent() && existing.get().status() != VideoStatus.FAILED && !existing.get().id().equals(videoId)) {
            throw ProblemException.conflict("duplicate", "the same bytes are already video " + existing.get().id());
        }
        try {
            new MediaProbe(ffmpeg.installation(), MediaLimits.DEFAULT).probe(file);
        } catch (MediaRejectedException e) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, e.reason().code(), e.getMessage());
        }
        String key = new VideoKeys(videoId).source();
        try {
            if (adopt) store.adopt(key, file, sha256);
            else store.put(key, file);
            video = catalog.attachSource(videoId, DisplayNames.filename(filename), key, size, sha256);
            dispatcher.dispatch(videoId, priority || size <= limits.smallBytes());
        } catch (IOException | RuntimeException e) {
            store.delete(key);
            throw e;
        }
        return video;
    }

    /** SHA-256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) sha.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private Path spoolDir() throws IOException {
        return Files.createDirectories(Path.of(dataDir).toAbsolutePath().resolve("uploads").resolve("spool"));
    }

    private String spool(InputStream body, Path target) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long max = limits.maxBytes();
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) throw new ProblemException(ProblemException.Kind.TOO_LARGE, "too-large", "the upload exceeds " + max + " bytes");
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
