package io.kinora.catalog.application;

import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoRepository;
import io.kinora.catalog.domain.Visibility;
import io.kinora.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Creating, finding and describing videos; each call its own transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
@RetryOnConflict
public class VideoCatalog {
    @Inject
    VideoRepository videos;

    @Inject
    jakarta.enterprise.event.Event<VideoChanged> changes;

    public Video create(long ownerId, String title, Visibility visibility, String profile) {
        return videos.save(new Video(ownerId, title, visibility, profile));
    }

    /** A video whose file arrived and is checked after the client's answer: it shows the file's name, size and digest. */
    public Video createArriving(long ownerId, String title, Visibility visibility, String profile, String filename,
                                long size, String sha256) {
        Video v = new Video(ownerId, title, visibility, profile);
        v.sourceArriving(filename, size, sha256);
        return videos.save(v);
    }

    public Video attachSource(String videoId, String filename, String key, long size, String sha256) {
        Video v = require(videoId);
        v.attachSource(filename, key, size, sha256);
        return v;
    }

    public Optional<Video> findDuplicate(long ownerId, String sha256) {
        Optional<Video> v = videos.findByOwnerAndHash(ownerId, sha256);
        v.ifPresent(x -> x.renditions().size());
        return v;
    }

    public java.util.List<Video> listByOwner(long ownerId, int offset, int limit) {
        var list = videos.listByOwner(ownerId, offset, limit);
        list.forEach(v -> v.renditions().size()); // loaded here: the view is built after the transaction
        return list;
    }

    public io.kinora.catalog.domain.VideoPage search(io.kinora.catalog.domain.VideoQuery query) {
        var page = videos.search(query);
        page.items().forEach(v -> v.renditions().size());
        return page;
    }

    public java.util.Set<String> idsByOwner(long ownerId) {
        return java.util.Set.copyOf(videos.idsByOwner(ownerId));
    }

    public Optional<Video> find(String videoId) {
        Optional<Video> v = videos.find(videoId);
        v.ifPresent(x -> x.renditions().size());
        return v;
    }

    public Video require(String videoId) {
        return find(videoId).orElseThrow(() -> ProblemException.notFound("no-such-video", "no such video"));
    }

    public Video describe(String videoId, String title, String description, Visibility visibility) {
        Video v = require(videoId);
        v.describe(title, description, visibility);
        v.renditions().size();
        changes.fire(new VideoChanged(videoId));
        return v;
    }

    public void deleteRow(String videoId) {
        videos.find(videoId).ifPresent(videos::delete);
        changes.fire(new VideoChanged(videoId));
    }
}
