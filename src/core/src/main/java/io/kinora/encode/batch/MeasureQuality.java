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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Step 7: PSNR and SSIM of every rendition against the source (one FFmpeg run), stored on the renditions. */
@Named("measureQuality")
@Dependent
public class MeasureQuality extends AbstractBatchlet {
    private static final Pattern PSNR = Pattern.compile("\\[psnr@q(\\d+) @ [^\\]]+\\] PSNR .*average:([0-9.]+|inf)");
    private static final Pattern SSIM = Pattern.compile("\\[ssim@q(\\d+) @ [^\\]]+\\] SSIM .*All:([0-9.]+)");

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
        List<Rendition> pending = video.renditions().stream().filter(r -> r.psnr() == null && r.mp4Key() != null).toList();
        if (pending.isEmpty()) return "MEASURED";
        Path source = files.materialize(new VideoKeys(videoId).source(), SourceFile.local(files, videoId));
        List<Path> mp4s = new ArrayList<>();
        for (Rendition r : pending) {
            mp4s.add(files.materialize(r.mp4Key(), files.workDir(videoId).resolve("quality-" + r.name() + ".mp4")));
        }
        int step = frameStep == null ? 25 : Integer.parseInt(frameStep);
        String log = ffmpeg.run("quality report", ffmpeg.commands().qualityMetrics(mp4s, source, video.source().container(),
                video.source().width(), video.source().height(), Rational.parse(video.source().frameRate()), step),
                Duration.ofHours(2)).stderrTail();
        for (int i = 0; i < pending.size(); i++) {
            lifecycle.quality(videoId, pending.get(i).name(), parse(PSNR, i, log, "PSNR"), parse(SSIM, i, log, "SSIM"));
            Files.deleteIfExists(mp4s.get(i));
        }
        return "MEASURED";
    }

    private static double parse(Pattern p, int index, String log, String what) {
        Matcher m = p.matcher(log);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == index) return "inf".equals(m.group(2)) ? 100.0 : Double.parseDouble(m.group(2));
        }
        throw new IllegalStateException(what + " of rendition " + index + " not found in FFmpeg output");
    }
}
