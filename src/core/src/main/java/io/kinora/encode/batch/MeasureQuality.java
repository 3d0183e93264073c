package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.encode.application.QualityReport;
import io.kinora.progress.ProgressBoard;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Step 7: the quality report ({@link QualityReport}: PSNR and SSIM of every rendition against the source), recorded on the renditions. */
@Named("measureQuality")
@Dependent
public class MeasureQuality extends AbstractBatchlet {
    @Inject @BatchProperty String videoId;
    @Inject @BatchProperty String frameStep;
    @Inject @BatchProperty String samplePieces;
    @Inject @BatchProperty String sampleSeconds;
    @Inject VideoLifecycle lifecycle;
    @Inject QualityReport report;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        List<Rendition> pending = lifecycle.require(videoId).renditions().stream()
                .filter(r -> r.psnr() == null && r.mp4Key() != null).toList();
        if (pending.isEmpty()) return "MEASURED";
        progress.stage(videoId, "quality report");
        List<QualityReport.Measurement> measured = report.measure(videoId, pending, sampling(samplePieces, sampleSeconds, frameStep));
        for (int i = 0; i < pending.size(); i++) {
            lifecycle.quality(videoId, pending.get(i).name(), measured.get(i).psnr(), measured.get(i).ssim());
        }
        return "MEASURED";
    }

    private static QualityReport.Sampling sampling(String pieces, String seconds, String frameStep) {
        return new QualityReport.Sampling(pieces == null ? 4 : Integer.parseInt(pieces),
                seconds == null ? 1 : Double.parseDouble(seconds), frameStep == null ? 5 : Integer.parseInt(frameStep));
    }
}
