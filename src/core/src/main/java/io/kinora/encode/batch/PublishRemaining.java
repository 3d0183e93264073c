package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.encode.application.RenditionPackager;
import io.kinora.progress.ProgressBoard;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/**
 * Step 5: publishes any rendition the analyzer did not (for instance all its pieces were stored before a
 * crash and the restarted encode step had nothing left to report). A rendition with a missing piece here
 * is a bug, and fails the job loudly.
 */
@Named("publishRemaining")
@Dependent
public class PublishRemaining extends AbstractBatchlet {
    @Inject @JobVideoId String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject RenditionPackager packager;
    @Inject jakarta.batch.runtime.context.JobContext job;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        progress.stage(videoId, "packaging");
        for (Rendition r : lifecycle.require(videoId).renditions()) {
            if (r.status() == Rendition.Status.PUBLISHED) continue;
            if (!packager.publishIfComplete(videoId, job.getExecutionId(), r.name())) {
                throw new IllegalStateException("rendition " + r.name() + " has pieces or its audio missing after the encode step");
            }
        }
        return "PUBLISHED";
    }
}
