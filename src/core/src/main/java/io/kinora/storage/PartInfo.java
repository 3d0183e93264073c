package io.kinora.storage;

/** One uploaded part of a multipart upload; the etag (unquoted) is what completion checks. */
public record PartInfo(int partNumber, String etag, long size) {

    /** A part as a client reports it for completion, when only number and etag are known. */
    public static PartInfo of(int partNumber, String etag) {
        return new PartInfo(partNumber, etag, -1);
    }
}
