package io.kinora.catalog.application;

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

    public Video viewable(String videoId, Caller caller) {
        Video v = catalog.find(videoId).orElseThrow(VideoAccess::notFound);
        if (v.visibility() == Visibility.PRIVATE && !caller.mayManage(v.ownerId())) throw notFound();
        return v;
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
