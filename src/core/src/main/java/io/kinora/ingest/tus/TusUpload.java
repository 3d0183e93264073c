package io.kinora.ingest.tus;

import java.time.Instant;
import java.util.Map;

/**
 * What the server remembers about one tus upload besides its bytes (the offset is the data file's
 * length, so it can never disagree with what is on disk).
 *
 * @param length   total size, or null while the client defers it
 * @param metadata the client's Upload-Metadata header as sent, echoed on HEAD
 * @param videoId  set once the upload completed and the video was created
 * @param created  when the upload was created (null for one created before this was recorded): upload seconds
 */
public record TusUpload(String id, long ownerId, Long length, String metadata, Map<String, String> decoded,
                        Instant expires, String videoId, Instant created) {

    public boolean completed() { return videoId != null; }

    TusUpload withLength(long l) { return new TusUpload(id, ownerId, l, metadata, decoded, expires, videoId, created); }

    TusUpload withExpires(Instant e) { return new TusUpload(id, ownerId, length, metadata, decoded, e, videoId, created); }

    TusUpload withVideo(String v) { return new TusUpload(id, ownerId, length, metadata, decoded, expires, v, created); }
}
