package io.kinora.catalog.domain;

import java.util.List;
import java.util.Optional;

public interface VideoRepository {
    Optional<Video> find(String id);

    /** Owner and visibility only: a projection, no entity to load, track and flush. */
    Optional<PlaybackRule> playbackRule(String id);

    Optional<Video> findByOwnerAndHash(long ownerId, String sha256);

    Optional<Video> findByJobExecution(long jobExecutionId);

    List<Video> listByOwner(long ownerId, int offset, int limit);

    VideoPage search(VideoQuery query);

    List<String> idsByOwner(long ownerId);

    Video save(Video video);

    void delete(Video video);
}
