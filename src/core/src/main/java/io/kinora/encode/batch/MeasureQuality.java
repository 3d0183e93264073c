package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.encode.application.QualityReport;
import io.kinora.progress.ProgressBoard;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Step 7: the quality report ({@link QualityReport}: PSNR and SSIM of every rendition against the source), recorded on the renditions. */
@Named("measureQuality")
@Dependent
public class MeasureQuality extends AbstractBatchlet {
    @Inject @JobVideoId String videoId;
    /** The first second of 4 pieces spread over the video, every 5th frame: see QualityReport. */
    static final QualityReport.Sampling SAMPLING = new QualityReport.Sampling(4, 1, 5);

    @Inject VideoLifecycle lifecycle;
    @Inject QualityReport report;
    @Inject jakarta.batch.runtime.context.JobContext job;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        List<Rendition> pending = lifecycle.require(videoId).renditions().stream()
                .filter(r -> r.psnr() == null && r.mp4Key() != null).toList();
        if (pending.isEmpty()) return "MEASURED";
        progress.stage(videoId, "quality report");
        List<QualityReport.Measurement> measured = report.measure(videoId, job.getExecutionId(), pending, SAMPLING);
        for (int i = 0; i < pending.size(); i++) {
            lifecycle.quality(videoId, pending.get(i).name(), measured.get(i).psnr(), measured.get(i).ssim());
        }
        return "MEASURED";
    }
}
