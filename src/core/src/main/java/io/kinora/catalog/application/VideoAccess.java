package io.kinora.catalog.application;

import io.kinora.catalog.domain.PlaybackRule;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.Visibility;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may see and change a video. Public and unlisted: anyone with the link may watch. Private: owner
 * and admins only, everyone else gets 404 exactly as for a video that does not exist.
 */
@ApplicationScoped
public class VideoAccess {
    @Inject
    VideoCatalog catalog;

    @Inject
    PlaybackRules rules;

    public Video viewable(String videoId, Caller caller) {
        Video v = catalog.find(videoId).orElseThrow(VideoAccess::notFound);
        if (v.visibility() == Visibility.PRIVATE && !caller.mayManage(v.ownerId())) throw notFound();
        return v;
    }

    /** For serving media: the same rule as {@link #viewable}, decided from the cached {@link PlaybackRule}. */
    public PlaybackRule watchable(String videoId, Caller caller) {
        PlaybackRule r = existing(videoId);
        if (r.visibility() == Visibility.PRIVATE && !caller.mayManage(r.ownerId())) throw notFound();
        return r;
    }

    /** The rule of a video that exists, whoever asks (signed links carry their own permission). */
    public PlaybackRule existing(String videoId) {
        return rules.find(videoId).orElseThrow(VideoAccess::notFound);
    }

    public Video manageable(String videoId, Caller caller) {
        Video v = viewable(videoId, caller);
        if (!caller.mayManage(v.ownerId())) {
            throw ProblemException.forbidden("not-owner", "only the owner or an admin may change this video");
        }
        return v;
    }

    static ProblemException notFound() {
        return ProblemException.notFound("no-such-video", "no such video");
    }
}
