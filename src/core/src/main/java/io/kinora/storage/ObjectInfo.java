package io.kinora.storage;

import java.time.Instant;

/**
 * What a store knows about an object. The etag is unquoted; for multipart objects it has the S3
 * form {@code md5(part md5s)-N}, so it identifies content but is not its digest.
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified, String contentType) {
}
