package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.FfmpegRunner;
import io.kinora.encode.application.PieceManifest;
import io.kinora.encode.application.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.media.Rational;
import io.kinora.progress.ProgressBoard;
import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 7: PSNR and SSIM of every rendition against the source, at the source's size, on a sample spread over the
 * video: the first {@code sampleSeconds} of {@code samplePieces} pieces, every {@code frameStep}-th frame of those.
 * Comparing the whole video cost a quarter of the job (every rendition and the source decoded again) and whole
 * pieces still a tenth of the encode's overhead, while a few short stretches give the same averages to a fraction of
 * a dB. One FFmpeg per sampled piece compares all renditions, the pieces in parallel; results are weighted by the
 * length compared.
 */
@Named("measureQuality")
@Dependent
public class MeasureQuality extends AbstractBatchlet {
    private static final Pattern PSNR = Pattern.compile("\\[psnr@q(\\d+) @ [^\\]]+\\] PSNR .*average:([0-9.]+|inf)");
    private static final Pattern SSIM = Pattern.compile("\\[ssim@q(\\d+) @ [^\\]]+\\] SSIM .*All:([0-9.]+)");

    @Inject @BatchProperty String videoId;
    @Inject @BatchProperty String frameStep;
    @Inject @BatchProperty String samplePieces;
    @Inject @BatchProperty String sampleSeconds;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject FfmpegRunner ffmpeg;
    @Inject ProgressBoard progress;
    @Resource ManagedExecutorService executor;

    @Override
    public String process() throws Exception {
        progress.stage(videoId, "quality report");
        Video video = lifecycle.require(videoId);
        List<Rendition> pending = video.renditions().stream().filter(r -> r.psnr() == null && r.mp4Key() != null).toList();
        if (pending.isEmpty()) return "MEASURED";
        VideoKeys keys = new VideoKeys(videoId);
        PieceManifest manifest = PieceManifest.parse(files.readText(keys.piecesManifest()));
        int step = frameStep == null ? 10 : Integer.parseInt(frameStep);
        double[] psnr = new double[pending.size()];
        double[] ssim = new double[pending.size()];
        double weight = 0;
        Path dir = Files.createDirectories(files.workDir(videoId).resolve("quality"));
        // the pieces side by side: one comparison is mostly a single-threaded filter graph
        List<Integer> sampled = sample(manifest.size(), samplePieces == null ? 4 : Integer.parseInt(samplePieces));
        double window = sampleSeconds == null ? 1 : Double.parseDouble(sampleSeconds);
        List<Callable<double[][]>> tasks = new ArrayList<>();
        for (int index : sampled) tasks.add(() -> measure(video, pending, manifest.get(index), dir, step, window));
        List<double[][]> measured = SideBySide.all(executor, tasks);
        for (int k = 0; k < sampled.size(); k++) {
            double[][] m = measured.get(k);
            double length = manifest.get(sampled.get(k)).duration();
            double duration = window > 0 ? Math.min(window, length) : length;
            for (int i = 0; i < pending.size(); i++) {
                psnr[i] += duration * m[0][i];
                ssim[i] += duration * m[1][i];
            }
            weight += duration;
        }
        for (int i = 0; i < pending.size(); i++) lifecycle.quality(videoId, pending.get(i).name(), psnr[i] / weight, ssim[i] / weight);
        files.deleteTree(dir);
        return "MEASURED";
    }

    /** PSNR ([0]) and SSIM ([1]) of each pending rendition on one piece. */
    private double[][] measure(Video video, List<Rendition> pending, PieceManifest.Piece piece, Path dir, int step,
                               double window) throws Exception {
        VideoKeys keys = new VideoKeys(videoId);
        int index = piece.index();
        Path source = files.materialize(keys.sourcePiece(index), dir.resolve(index + "-source.mkv"));
        List<Path> encoded = new ArrayList<>();
        for (Rendition r : pending) encoded.add(files.materialize(keys.encodedPiece(r.name(), index), dir.resolve(index + "-" + r.name() + ".mkv")));
        String log = ffmpeg.run("quality of piece " + index, ffmpeg.commands().qualityMetrics(encoded, source,
                video.source().width(), video.source().height(), Rational.parse(video.source().frameRate()), step, window),
                Duration.ofHours(1)).stderrTail();
        double[][] result = new double[2][pending.size()];
        for (int i = 0; i < pending.size(); i++) {
            result[0][i] = parse(PSNR, i, log, "PSNR");
            result[1][i] = parse(SSIM, i, log, "SSIM");
        }
        return result;
    }

    /** {@code count} piece indexes spread evenly over {@code pieces} (the middle of each equal share), all if fewer. */
    static List<Integer> sample(int pieces, int count) {
        int n = Math.max(1, Math.min(pieces, count));
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) picked.add((int) ((i + 0.5) * pieces / n));
        return picked;
    }

    private static double parse(Pattern p, int index, String log, String what) {
        Matcher m = p.matcher(log);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == index) return "inf".equals(m.group(2)) ? 100.0 : Double.parseDouble(m.group(2));
        }
        throw new IllegalStateException(what + " of rendition " + index + " not found in FFmpeg output");
    }
}
