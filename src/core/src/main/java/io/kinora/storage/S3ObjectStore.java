package io.kinora.storage;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.ListPartsResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import io.minio.messages.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Objects in an S3-compatible bucket (AWS, MinIO, Garage, Ceph...), through the MinIO client.
 *
 * <p>It takes a {@link MinioAsyncClient}, not a {@code MinioClient}: the low-level multipart calls
 * Kinora needs for resumable and browser-direct uploads (create/uploadPart/listParts/complete/abort)
 * exist only on {@code S3Base}, where 8.6.0 makes the {@code *Async} variants public, and
 * {@code MinioClient} keeps its async client private. Every call is awaited, so the store itself is
 * blocking like the filesystem one.
 */
public class S3ObjectStore implements ObjectStore, AutoCloseable {

    /** Part size when the length of a put is unknown: bounds memory, allows objects up to ~156 GiB. */
    static final long UNKNOWN_LENGTH_PART_SIZE = 16L * 1024 * 1024;
    /** Parts up to this size are buffered by the MinIO client; larger ones are spooled to a temp file. */
    static final long IN_MEMORY_PART_LIMIT = 8L * 1024 * 1024;
    private static final int DELETE_BATCH = 1000;
    private static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7); // SigV4 limit
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchUpload", "NoSuchObject");
    private static final Set<String> BAD_COMPLETION = Set.of("InvalidPart", "InvalidPartOrder", "EntityTooSmall");

    private final MinioAsyncClient client;
    private final String bucket;

    /** Does no I/O; call {@link #init()} to create the bucket. */
    public S3ObjectStore(MinioAsyncClient client, String bucket) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be empty");
        }
        this.client = client;
        this.bucket = bucket;
    }

    /** Builds the client and creates the bucket if missing. The store owns the client ({@link #close()}). */
    public static S3ObjectStore connect(String endpoint, String region, String accessKey, String secretKey,
            String bucket) throws IOException {
        MinioAsyncClient client = MinioAsyncClient.builder()
                .endpoint(endpoint)
                .region(region) // a known region spares a GetBucketLocation round trip per call
                .credentials(accessKey, secretKey)
                .build();
        return new S3ObjectStore(client, bucket).init();
    }

    /** Creates the bucket if it does not exist yet. */
    public S3ObjectStore init() throws IOException {
        if (!await(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()), "check bucket")) {
            try {
                await(() -> client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()), "create bucket");
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("BucketAlreadyOwnedByYou")) { // another node won
                    throw e;
                }
            }
        }
        return this;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public void close() throws Exception {
        client.close();
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void put(String key, Path file) throws IOException {
        ObjectKeys.requireKey(key);
        await(() -> client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                .filename(file.toString()).contentType(ContentTypes.guess(key)).build()), "put " + key);
    }

    @Override
    public void put(String key, InputStream in, long length, String contentType) throws IOException {
        ObjectKeys.requireKey(key);
        // the client streams part by part, buffering at most one part (>= 5 MiB) in memory
        long partSize = length < 0 ? UNKNOWN_LENGTH_PART_SIZE : -1;
        await(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(in, length, partSize).contentType(ContentTypes.orGuess(contentType, key)).build()),
                "put " + key);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public InputStream get(String key) throws IOException {
        ObjectKeys.requireKey(key);
        return await(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), "get " + key);
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        ObjectKeys.requireKey(key);
        FilesystemObjectStore.checkRange(offset, length);
        if (length == 0) { // not expressible as an HTTP range
            if (!exists(key)) {
                throw new ObjectNotFoundException("no object " + key);
            }
            return InputStream.nullInputStream();
        }
        try {
            return await(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                    .offset(offset).length(length < 0 ? null : length).build()), "get " + key);
        } catch (RangeNotSatisfiable e) {
            return InputStream.nullInputStream(); // offset at or past the end: same answer as the filesystem
        }
    }

    @Override
    public long transferTo(String key, long offset, long length, WritableByteChannel out) throws IOException {
        try (InputStream in = get(key, offset, length)) {
            return in.transferTo(Channels.newOutputStream(out));
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        ObjectKeys.requireKey(key);
        try {
            StatObjectResponse s = await(() -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key)
                    .build()), "stat " + key);
            return Optional.of(new ObjectInfo(key, s.size(), unquote(s.etag()), s.lastModified().toInstant(),
                    s.contentType()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        ObjectKeys.requirePrefix(prefix);
        List<ObjectInfo> result = new ArrayList<>();
        for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                .recursive(true).build())) {
            Item item = unwrap(r, "list " + prefix);
            if (!item.isDir()) {
                result.add(new ObjectInfo(item.objectName(), item.size(), unquote(item.etag()),
                        item.lastModified() == null ? null : item.lastModified().toInstant(), null));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ deletes

    @Override
    public void delete(String key) throws IOException {
        ObjectKeys.requireKey(key);
        await(() -> client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build()),
                "delete " + key);
    }

    @Override
    public int deletePrefix(String prefix) throws IOException {
        if (ObjectKeys.requirePrefix(prefix).isEmpty()) {
            throw new IllegalArgumentException("refusing to delete with an empty prefix");
        }
        int deleted = 0;
        List<DeleteObject> batch = new ArrayList<>(DELETE_BATCH);
        for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                .recursive(true).build())) {
            batch.add(new DeleteObject(unwrap(r, "list " + prefix).objectName()));
            if (batch.size() == DELETE_BATCH) {
                deleted += removeBatch(batch);
                batch = new ArrayList<>(DELETE_BATCH);
            }
        }
        return batch.isEmpty() ? deleted : deleted + removeBatch(batch);
    }

    /** removeObjects is lazy: nothing is deleted until its result iterator is consumed. */
    private int removeBatch(List<DeleteObject> batch) throws IOException {
        List<String> errors = new ArrayList<>();
        for (Result<DeleteError> r : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(batch)
                .build())) {
            DeleteError error = unwrap(r, "delete batch");
            errors.add(error.objectName() + ": " + error.code() + " " + error.message());
        }
        if (!errors.isEmpty()) {
            throw new IOException("could not delete " + errors.size() + " objects: " + errors);
        }
        return batch.size();
    }

    // ------------------------------------------------------------------ multipart

    @Override
    public String createMultipart(String key, String contentType) throws IOException {
        ObjectKeys.requireKey(key);
        Multimap<String, String> headers = ImmutableMultimap.of("Content-Type", ContentTypes.orGuess(contentType, key));
        return await(() -> client.createMultipartUploadAsync(bucket, null, key, headers, null), "create upload " + key)
                .result().uploadId();
    }

    @Override
    public PartInfo uploadPart(String key, String uploadId, int partNumber, InputStream in, long length)
            throws IOException {
        ObjectKeys.requireKey(key);
        if (partNumber < 1 || partNumber > MAX_PARTS) {
            throw new IllegalArgumentException("part number must be 1.." + MAX_PARTS + ": " + partNumber);
        }
        if (length >= 0 && length <= IN_MEMORY_PART_LIMIT) {
            return new PartInfo(partNumber, sendPart(key, uploadId, partNumber, in, length), length);
        }
        // from an InputStream the client would hold the whole part in memory; from a file it does not
        Path spool = Files.createTempFile("kinora-part-", ".tmp");
        try {
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            long size = Files.size(spool);
            if (length >= 0 && size < length) {
                throw new IOException("stream ended after " + size + " of " + length + " bytes");
            }
            try (RandomAccessFile file = new RandomAccessFile(spool.toFile(), "r")) {
                long partSize = length >= 0 ? length : size;
                return new PartInfo(partNumber, sendPart(key, uploadId, partNumber, file, partSize), partSize);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private String sendPart(String key, String uploadId, int partNumber, Object data, long length)
            throws IOException {
        return unquote(await(() -> client.uploadPartAsync(bucket, null, key, data, length, uploadId, partNumber,
                null, null), "upload part " + partNumber + " of " + key).etag());
    }

    @Override
    public List<PartInfo> listParts(String key, String uploadId) throws IOException {
        ObjectKeys.requireKey(key);
        List<PartInfo> parts = new ArrayList<>();
        int marker = 0;
        while (true) {
            int from = marker;
            ListPartsResponse page = await(() -> client.listPartsAsync(bucket, null, key, 1000, from, uploadId,
                    null, null), "list parts of " + key);
            for (Part p : page.result().partList()) {
                parts.add(new PartInfo(p.partNumber(), unquote(p.etag()), p.partSize()));
            }
            if (!page.result().isTruncated()) {
                return parts;
            }
            marker = page.result().nextPartNumberMarker();
        }
    }

    @Override
    public void completeMultipart(String key, String uploadId, List<PartInfo> parts) throws IOException {
        ObjectKeys.requireKey(key);
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("a multipart upload needs at least one part");
        }
        Part[] s3Parts = new Part[parts.size()];
        int previous = 0;
        for (int i = 0; i < s3Parts.length; i++) {
            PartInfo p = parts.get(i);
            if (p.partNumber() <= previous) { // S3 would say InvalidPartOrder; say it before the round trip
                throw new IllegalArgumentException("parts must be listed in ascending order: " + p.partNumber()
                        + " after " + previous);
            }
            previous = p.partNumber();
            s3Parts[i] = new Part(p.partNumber(), unquote(p.etag()));
        }
        await(() -> client.completeMultipartUploadAsync(bucket, null, key, uploadId, s3Parts, null, null),
                "complete upload of " + key);
    }

    @Override
    public void abortMultipart(String key, String uploadId) throws IOException {
        ObjectKeys.requireKey(key);
        await(() -> client.abortMultipartUploadAsync(bucket, null, key,
                uploadId, null, null), "abort upload of " + key);
    }

    @Override
    public Optional<URI> presignPart(String key, String uploadId, int partNumber, Duration ttl) throws IOException {
        ObjectKeys.requireKey(key);
        return Optional.of(presign(Method.PUT, key, ttl,
                Map.of("partNumber", Integer.toString(partNumber), "uploadId", uploadId)));
    }

    @Override
    public Optional<URI> presignGet(String key, Duration ttl) throws IOException {
        ObjectKeys.requireKey(key);
        return Optional.of(presign(Method.GET, key, ttl, Map.of()));
    }

    private URI presign(Method method, String key, Duration ttl, Map<String, String> query) throws IOException {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
            throw new IllegalArgumentException("presign ttl must be within (0, 7 days]: " + ttl);
        }
        try {
            // signed locally: no request to the server
            return URI.create(client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method)
                    .bucket(bucket).object(key).expiry((int) ttl.toSeconds()).extraQueryParams(query).build()));
        } catch (Exception e) {
            throw translate(e, "presign " + key);
        }
    }

    // ------------------------------------------------------------------ health

    @Override
    public StoreHealth check() {
        try {
            return await(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()), "check")
                    ? StoreHealth.up("s3 bucket " + bucket + " reachable")
                    : StoreHealth.down("s3 bucket " + bucket + " does not exist");
        } catch (IOException | RuntimeException e) {
            return StoreHealth.down("s3 bucket " + bucket + " unreachable: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ errors

    @FunctionalInterface
    private interface Call<T> {
        CompletableFuture<T> start() throws Exception;
    }

    /** HTTP 416 on a ranged read. */
    private static final class RangeNotSatisfiable extends IOException {
        private static final long serialVersionUID = 1L;

        RangeNotSatisfiable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static <T> T await(Call<T> call, String what) throws IOException {
        try {
            return call.start().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " interrupted");
        } catch (Exception e) {
            throw translate(e, what);
        }
    }

    private static <T> T unwrap(Result<T> result, String what) throws IOException {
        try {
            return result.get();
        } catch (Exception e) {
            throw translate(e, what);
        }
    }

    /** MinIO's exceptions, unwrapped from the futures, as the contract's exceptions. */
    private static IOException translate(Throwable e, String what) {
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ErrorResponseException ere) {
            String code = ere.errorResponse().code();
            String message = what + ": " + code + " " + ere.errorResponse().message();
            if (NOT_FOUND.contains(code)) {
                return new ObjectNotFoundException(message, e);
            }
            if ("InvalidRange".equals(code)) {
                return new RangeNotSatisfiable(message, e);
            }
            if (BAD_COMPLETION.contains(code)) {
                throw new IllegalArgumentException(message, e);
            }
            return new IOException(message, e);
        }
        if (e instanceof IllegalArgumentException iae) {
            throw iae;
        }
        if (e instanceof IOException io) {
            return new IOException(what + ": " + io.getMessage(), io);
        }
        return new IOException(what + ": " + e, e);
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
