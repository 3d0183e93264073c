package io.kinora.catalog.application;

import io.kinora.catalog.domain.Video;
import io.kinora.storage.ObjectStore;
import io.kinora.catalog.domain.VideoKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * Deletes a video and everything it left anywhere. Order: whatever works on it stops ({@link VideoRemoving}: the
 * encode job, a download), objects, row, then {@link VideoRemoved}; a crash half-way leaves the row, so the delete
 * can be repeated.
 */
@ApplicationScoped
public class VideoRemoval {
    private static final Logger LOG = Logger.getLogger(VideoRemoval.class.getName());

    @Inject VideoCatalog catalog;
    @Inject ObjectStore store;
    @Inject Event<VideoRemoving> removing;
    @Inject Event<VideoRemoved> removed;

    public void remove(String videoId) {
        Video v = catalog.require(videoId);
        removing.fire(new VideoRemoving(videoId, v.ownerId(), v.jobExecutionId()));
        try {
            store.deletePrefix(new VideoKeys(videoId).root());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the objects of " + videoId, e);
        }
        catalog.deleteRow(videoId);
        removed.fire(new VideoRemoved(videoId, v.ownerId()));
        LOG.info(() -> "Deleted video " + videoId);
    }

    /** A closing account's videos go with it. */
    void onAccountClosing(@jakarta.enterprise.event.Observes io.kinora.security.application.AccountClosing closing) {
        for (String videoId : catalog.idsByOwner(closing.accountId())) remove(videoId);
    }
}
