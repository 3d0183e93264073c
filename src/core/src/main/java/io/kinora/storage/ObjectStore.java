package io.kinora.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Blob storage for originals, upload parts, encoded pieces and published renditions.
 *
 * <p>Keys are '/'-separated and built by Kinora, never taken from user input; every method validates
 * them anyway ({@link ObjectKeys}) so a bug can never escape the store's root or bucket. Missing
 * objects and unknown multipart uploads raise {@link ObjectNotFoundException}; deletes are
 * idempotent, like S3.
 */
public interface ObjectStore {

    /** Stores a file, content type guessed from the key's extension. */
    void put(String key, Path file) throws IOException;

    /**
     * Stores a file that the caller gives up: a store that keeps local files renames it into place (no copy of
     * gigabytes at the end of an upload); others store it and delete it. {@code sha256} (hex) is the caller's
     * digest of the bytes, so an adopted file needs no second read for its etag. The file is gone afterwards
     * unless this throws.
     */
    default void adopt(String key, Path file, String sha256) throws IOException {
        put(key, file);
        java.nio.file.Files.deleteIfExists(file);
    }

    /**
     * Streams {@code in} into the object without holding it in memory.
     *
     * @param length exact byte count, or -1 if unknown
     * @param contentType may be null: then guessed from the key's extension
     */
    void put(String key, InputStream in, long length, String contentType) throws IOException;

    InputStream get(String key) throws IOException;

    /**
     * Reads {@code length} bytes from {@code offset} (-1 = to the end). A range running past the
     * end is clipped, one starting at or beyond the end yields an empty stream (as HTTP would
     * answer 416, callers check the size first when they need to distinguish).
     */
    InputStream get(String key, long offset, long length) throws IOException;

    Optional<ObjectInfo> stat(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return stat(key).isPresent();
    }

    /**
     * Objects whose key starts with {@code prefix} (plain string prefix, S3 semantics: "a/b" also
     * matches "a/bc/x"), sorted by key. {@link ObjectInfo#contentType()} may be null here.
     */
    List<ObjectInfo> list(String prefix) throws IOException;

    void delete(String key) throws IOException;

    /** Deletes every object under a non-empty prefix and returns how many were deleted. */
    int deletePrefix(String prefix) throws IOException;

    // --- multipart: resumable uploads; parts need not arrive in order ---

    /** Starts a multipart upload and returns its id. */
    String createMultipart(String key, String contentType) throws IOException;

    /** Stores (or replaces) one part, 1..10000; {@code length} may be -1 if unknown. */
    PartInfo uploadPart(String key, String uploadId, int partNumber, InputStream in, long length)
            throws IOException;

    /** Parts received so far, by part number: what a client resumes from. */
    List<PartInfo> listParts(String key, String uploadId) throws IOException;

    /**
     * Assembles the listed parts (ascending part numbers, etags as returned by upload/listParts)
     * into the object; parts not listed are discarded. Every part but the last must be at least
     * {@link #MIN_PART_SIZE} bytes (an S3 rule that the filesystem store enforces too, so that
     * development on the filesystem cannot hide it).
     */
    void completeMultipart(String key, String uploadId, List<PartInfo> parts) throws IOException;

    void abortMultipart(String key, String uploadId) throws IOException;

    /** A URL a browser can PUT the part to directly; empty if the store cannot presign. */
    Optional<URI> presignPart(String key, String uploadId, int partNumber, Duration ttl) throws IOException;

    /** A URL a client can GET (with Range) directly; empty if the store cannot presign. */
    Optional<URI> presignGet(String key, Duration ttl) throws IOException;

    /**
     * Copies a range (length -1 = to the end) to {@code out} as cheaply as the store allows, for
     * serving media. Returns the number of bytes written. Range rules as {@link #get(String, long, long)}.
     */
    long transferTo(String key, long offset, long length, WritableByteChannel out) throws IOException;

    default long transferTo(String key, long offset, long length, OutputStream out) throws IOException {
        return transferTo(key, offset, length, Channels.newChannel(out));
    }

    /**
     * The file that holds the object, when the store keeps objects as local files: a server can then hand it to
     * the kernel (sendfile) instead of copying through the heap. It may not exist; serve it after {@link #stat}.
     */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }

    /** "filesystem" or "s3". */
    String kind();

    /** Cheap liveness probe for the health endpoint; never throws. */
    StoreHealth check();

    /** S3's minimum size of every multipart part except the last. */
    long MIN_PART_SIZE = 5L * 1024 * 1024;

    /** S3's maximum part number. */
    int MAX_PARTS = 10_000;
}
