package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.FfmpegRunner;
import io.kinora.encode.application.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.media.Rational;
import io.kinora.progress.ProgressBoard;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Step 7: PSNR and SSIM of every rendition against the source, stored on the rendition. */
@Named("measureQuality")
@Dependent
public class MeasureQuality extends AbstractBatchlet {
    private static final Pattern PSNR = Pattern.compile("PSNR .*average:([0-9.]+|inf)");
    private static final Pattern SSIM = Pattern.compile("SSIM .*All:([0-9.]+)");

    @Inject @BatchProperty String videoId;
    @Inject @BatchProperty String frameStep;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject FfmpegRunner ffmpeg;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        progress.stage(videoId, "quality report");
        Video video = lifecycle.require(videoId);
        VideoKeys keys = new VideoKeys(videoId);
        Path source = files.materialize(keys.source(), SourceFile.local(files, videoId));
        int step = frameStep == null ? 25 : Integer.parseInt(frameStep);
        for (Rendition r : video.renditions()) {
            if (r.psnr() != null || r.mp4Key() == null) continue;
            Path mp4 = files.materialize(r.mp4Key(), files.workDir(videoId).resolve("quality-" + r.name() + ".mp4"));
            String log = ffmpeg.run("quality " + r.name(), ffmpeg.commands().qualityMetrics(mp4, source,
                    video.source().container(), video.source().width(), video.source().height(),
                    Rational.parse(video.source().frameRate()), step), Duration.ofHours(1)).stderrTail();
            double psnr = parse(PSNR, log, "PSNR");
            double ssim = parse(SSIM, log, "SSIM");
            lifecycle.quality(videoId, r.name(), psnr, ssim);
            java.nio.file.Files.deleteIfExists(mp4);
        }
        return "MEASURED";
    }

    private static double parse(Pattern p, String log, String what) {
        Matcher m = p.matcher(log);
        if (!m.find()) throw new IllegalStateException(what + " not found in FFmpeg output");
        return "inf".equals(m.group(1)) ? 100.0 : Double.parseDouble(m.group(1));
    }
}
