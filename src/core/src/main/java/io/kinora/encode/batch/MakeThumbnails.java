package io.kinora.encode.batch;

import io.kinora.encode.application.Thumbnails;
import io.kinora.progress.ProgressBoard;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Step 6: a poster, a few thumbnails across the video, and a storyboard sprite with its WebVTT map ({@link Thumbnails}). */
@Named("makeThumbnails")
@Dependent
public class MakeThumbnails extends AbstractBatchlet {
    @Inject @JobVideoId String videoId;
    @Inject Thumbnails pictures;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        if (pictures.done(videoId)) return "ALREADY_DONE";
        progress.stage(videoId, "thumbnails");
        pictures.make(videoId);
        return "DONE";
    }
}
