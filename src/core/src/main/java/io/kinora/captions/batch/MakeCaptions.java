package io.kinora.captions.batch;

import io.kinora.captions.AutoCaptions;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The captions step: speech to a WebVTT track marked automatic ({@link AutoCaptions}), when the upload asked for it
 * (or the configuration's default says so), or always in the owner's own {@code auto-captions} job ({@code ownJob}).
 * Never fails the job: a recognizer that fails leaves the video as it is, with a note. Restartable: recognized
 * chunks are kept in the work directory until the track is out.
 */
@Named("makeCaptions")
@Dependent
public class MakeCaptions extends AbstractBatchlet {
    @Inject @io.kinora.encode.batch.JobVideoId String videoId;
    @Inject @BatchProperty String ownJob;
    @Inject AutoCaptions captions;
    @Inject JobContext job;

    @Override
    public String process() {
        try {
            return captions.make(videoId, Boolean.parseBoolean(ownJob), job.getExecutionId());
        } catch (RuntimeException e) { // make() records its own failures; this is the database failing under it
            java.util.logging.Logger.getLogger(MakeCaptions.class.getName())
                    .log(java.util.logging.Level.WARNING, "Automatic captions of " + videoId + " failed", e);
            return "RECOGNIZER_FAILED";
        }
    }

    /** A stopped job or a deleted video: the recognition ends after its current chunk (the rest stays for a restart). */
    @Override
    public void stop() {
        captions.stop(videoId);
    }
}
