package io.kinora.encode.application;

import io.kinora.media.FfmpegRunner;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PSNR and SSIM of every rendition against the source, at the source's size, on a sample spread over the video: the
 * first {@code seconds} of {@code pieces} pieces, every {@code frameStep}-th frame of those. Comparing the whole video
 * cost a quarter of the job (every rendition and the source decoded again) and whole pieces still a tenth of the
 * encode's overhead, while a few short stretches give the same averages to a fraction of a dB. One FFmpeg per sampled
 * piece compares all renditions, the pieces side by side; results are weighted by the length compared.
 */
@ApplicationScoped
public class QualityReport {
    private static final Pattern PSNR = Pattern.compile("\\[psnr@q(\\d+) @ [^\\]]+\\] PSNR .*average:([0-9.]+|inf)");
    private static final Pattern SSIM = Pattern.compile("\\[ssim@q(\\d+) @ [^\\]]+\\] SSIM .*All:([0-9.]+)");

    /** What to compare: how many pieces, how many seconds of each (0 = all), every how many frames. */
    public record Sampling(int pieces, double seconds, int frameStep) { }

    @Inject VideoLifecycle lifecycle;
    @Inject PieceManifests manifests;
    @Inject WorkFiles files;
    @Inject FfmpegRunner ffmpeg;
    @Resource ManagedExecutorService executor;

    /** PSNR and SSIM of one rendition, averaged over the sample. */
    public record Measurement(double psnr, double ssim) { }

    /** Measures the given renditions of the video (all pieces are stored) and returns their averages, in that order. */
    public List<Measurement> measure(String videoId, long execution, List<Rendition> renditions, Sampling sampling)
            throws Exception {
        Video video = lifecycle.require(videoId);
        VideoKeys keys = new VideoKeys(videoId);
        PieceManifest manifest = manifests.of(videoId, execution);
        List<Integer> sampled = sample(manifest.size(), sampling.pieces());
        Path dir = Files.createDirectories(files.workDir(videoId).resolve("quality"));
        List<Callable<double[][]>> tasks = new ArrayList<>();
        for (int index : sampled) {
            tasks.add(() -> measurePiece(video, renditions, manifest.get(index), manifest.rotation(), dir, sampling));
        }
        List<double[][]> measured = ParallelTasks.all(executor, tasks);
        double[] psnr = new double[renditions.size()];
        double[] ssim = new double[renditions.size()];
        double weight = 0;
        for (int k = 0; k < sampled.size(); k++) {
            double length = manifest.get(sampled.get(k)).duration();
            double w = sampling.seconds() > 0 ? Math.min(sampling.seconds(), length) : length;
            for (int i = 0; i < renditions.size(); i++) {
                psnr[i] += w * measured.get(k)[0][i];
                ssim[i] += w * measured.get(k)[1][i];
            }
            weight += w;
        }
        files.deleteTree(dir);
        List<Measurement> result = new ArrayList<>();
        for (int i = 0; i < renditions.size(); i++) result.add(new Measurement(psnr[i] / weight, ssim[i] / weight));
        return result;
    }

    /** PSNR ([0]) and SSIM ([1]) of each rendition on one piece. */
    private double[][] measurePiece(Video video, List<Rendition> renditions, PieceManifest.Piece piece, int rotation,
                                    Path dir, Sampling sampling) throws Exception {
        VideoKeys keys = new VideoKeys(video.id());
        int index = piece.index();
        Path source = files.materialize(keys.sourcePiece(index), dir.resolve(index + "-source.nut"));
        List<Path> encoded = new ArrayList<>();
        for (Rendition r : renditions) {
            encoded.add(files.materialize(keys.encodedPiece(r.name(), index), dir.resolve(index + "-" + r.name() + ".nut")));
        }
        List<String> command = ffmpeg.commands().qualityMetrics(encoded, source, piece.start(), rotation,
                video.source().width(), video.source().height(), sampling.frameStep(), sampling.seconds());
        String log = ffmpeg.run("quality of piece " + index, command, Duration.ofHours(1)).stderrTail();
        double[][] result = new double[2][renditions.size()];
        for (int i = 0; i < renditions.size(); i++) {
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
