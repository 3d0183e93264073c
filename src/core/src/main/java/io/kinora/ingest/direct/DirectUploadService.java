package io.kinora.ingest.direct;

import io.kinora.catalog.application.Visibilities;
import io.kinora.ingest.application.IngestService;
import io.kinora.ingest.application.UploadLimits;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import io.kinora.storage.ObjectNotFoundException;
import io.kinora.storage.ObjectStore;
import io.kinora.storage.PartInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Direct-to-storage upload (seed 001): the client PUTs parts straight to the object store with presigned
 * URLs (S3/MinIO) or, on the filesystem store, to Kinora's own part endpoint; completion assembles the
 * parts into a staging object, which then goes through {@link IngestService#acceptFile} like any upload.
 * Session records are small properties files under {@code <data>/uploads/direct/}.
 */
@ApplicationScoped
public class DirectUploadService {
    @Inject ObjectStore store;
    @Inject IngestService ingest;
    @Inject UploadLimits limits;

    @Inject @ConfigProperty(name = "kinora.data.dir", defaultValue = "./kinora-data")
    String dataDir;

    @Inject @ConfigProperty(name = "kinora.upload.part-url-ttl", defaultValue = "PT1H")
    Duration partUrlTtl;

    public record Session(String id, long ownerId, String key, String uploadId, String filename, String title,
                          String visibility) { }

    public Session start(Caller caller, String filename, String title, String visibility, Long size) throws IOException {
        if (size != null && size > limits.maxBytes()) throw new ProblemException(ProblemException.Kind.TOO_LARGE, "too-large", "the upload exceeds " + limits.maxBytes() + " bytes");
        if (size != null && size == 0) throw ProblemException.badRequest("empty-file", "the upload is empty");
        Visibilities.parse(visibility);
        String id = UUID.randomUUID().toString();
        String key = "uploads/direct/" + id + "/source";
        Session s = new Session(id, caller.userId(), key, store.createMultipart(key, "application/octet-stream"),
                filename, title, visibility);
        save(s);
        return s;
    }

    /** A presigned store URL, or empty when the store cannot presign (then the client uses Kinora's part endpoint). */
    public Optional<URI> partUrl(Caller caller, String id, int part) throws IOException {
        Session s = owned(caller, id);
        checkPart(part);
        return store.presignPart(s.key(), s.uploadId(), part, partUrlTtl);
    }

    /** One part as the client sees it; the etag (unquoted) is what completion checks. */
    public record Part(int partNumber, String etag, long size) {
        static Part of(PartInfo p) { return new Part(p.partNumber(), p.etag(), p.size()); }
    }

    /** The smallest part but the last, and the most parts, an upload may have (the store's limits). */
    public long minPartSize() { return ObjectStore.MIN_PART_SIZE; }

    public int maxParts() { return ObjectStore.MAX_PARTS; }

    public Part putPart(Caller caller, String id, int part, InputStream body, long length) throws IOException {
        Session s = owned(caller, id);
        checkPart(part);
        return Part.of(store.uploadPart(s.key(), s.uploadId(), part, body, length));
    }

    public List<Part> parts(Caller caller, String id) throws IOException {
        Session s = owned(caller, id);
        return store.listParts(s.key(), s.uploadId()).stream().map(Part::of).toList();
    }

    /** Assembles the parts the client lists (number and etag) into the upload, then ingests it. */
    public IngestService.Accepted complete(Caller caller, String id, List<Part> parts) throws IOException {
        Session s = owned(caller, id);
        if (parts == null || parts.isEmpty()) throw ProblemException.badRequest("missing-parts", "list the parts to assemble");
        try {
            store.completeMultipart(s.key(), s.uploadId(),
                    parts.stream().map(p -> PartInfo.of(p.partNumber(), p.etag())).toList());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parts", e.getMessage());
        }
        Path spool = Files.createDirectories(root().resolve("spool")).resolve(id);
        try {
            String sha = download(s.key(), spool);
            return ingest.acceptFile(new IngestService.Request(s.ownerId(), s.filename(), s.title(), Visibilities.parse(s.visibility()),
                    null, caller.admin()), spool, sha);
        } finally {
            // accepted or refused, the staging object and the session are done with
            Files.deleteIfExists(spool);
            store.delete(s.key());
            Files.deleteIfExists(info(id));
        }
    }

    public void abort(Caller caller, String id) throws IOException {
        Session s = owned(caller, id);
        try {
            store.abortMultipart(s.key(), s.uploadId());
        } catch (ObjectNotFoundException ignored) {
            // already gone: aborting is idempotent
        }
        Files.deleteIfExists(info(id));
    }

    /**
     * Sessions started longer ago than {@code expiry} and never completed or aborted: their multipart upload is
     * aborted in the store (an S3 bucket otherwise keeps, and bills, the parts forever) and the session removed.
     * Returns the ids it ended.
     */
    public List<String> abortStale(Duration expiry) throws IOException {
        if (!Files.isDirectory(root())) return List.of();
        java.util.ArrayList<String> ended = new java.util.ArrayList<>();
        java.time.Instant before = java.time.Instant.now().minus(expiry);
        try (var files = Files.list(root())) {
            for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".properties")).toList()) {
                if (!Files.getLastModifiedTime(f).toInstant().isBefore(before)) continue;
                String id = f.getFileName().toString().replace(".properties", "");
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                }
                try {
                    store.abortMultipart(p.getProperty("key"), p.getProperty("uploadId"));
                } catch (ObjectNotFoundException ignored) {
                    // already gone
                }
                Files.deleteIfExists(f);
                ended.add(id);
            }
        }
        return ended;
    }

    private String download(String key, Path target) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(store.get(key), sha); OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkPart(int part) {
        if (part < 1 || part > ObjectStore.MAX_PARTS) throw ProblemException.badRequest("invalid-part-number", "part numbers are 1.." + ObjectStore.MAX_PARTS);
    }


    private Path root() { return Path.of(dataDir).toAbsolutePath().resolve("uploads").resolve("direct"); }

    private Path info(String id) {
        try {
            if (!UUID.fromString(id).toString().equals(id)) throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no-such-upload", "no such upload");
        }
        return root().resolve(id + ".properties");
    }

    private void save(Session s) throws IOException {
        Properties p = new Properties();
        p.setProperty("owner", Long.toString(s.ownerId()));
        p.setProperty("key", s.key());
        p.setProperty("uploadId", s.uploadId());
        if (s.filename() != null) p.setProperty("filename", s.filename());
        if (s.title() != null) p.setProperty("title", s.title());
        if (s.visibility() != null) p.setProperty("visibility", s.visibility());
        Files.createDirectories(root());
        try (OutputStream out = Files.newOutputStream(info(s.id()))) {
            p.store(out, null);
        }
    }

    private Session owned(Caller caller, String id) throws IOException {
        Path f = info(id);
        if (!Files.isRegularFile(f)) throw ProblemException.notFound("no-such-upload", "no such upload");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        Session s = new Session(id, Long.parseLong(p.getProperty("owner")), p.getProperty("key"), p.getProperty("uploadId"),
                p.getProperty("filename"), p.getProperty("title"), p.getProperty("visibility"));
        if (!caller.mayManage(s.ownerId())) throw ProblemException.notFound("no-such-upload", "no such upload");
        return s;
    }

}
