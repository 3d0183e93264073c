package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.FfmpegRunner;
import io.kinora.encode.application.Storyboard;
import io.kinora.encode.application.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.media.FfmpegException;
import io.kinora.progress.ProgressBoard;
import io.kinora.storage.ObjectStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/** Step 6: a poster, a few thumbnails across the video, and a storyboard sprite with its WebVTT map. */
@Named("makeThumbnails")
@Dependent
public class MakeThumbnails extends AbstractBatchlet {
    static final int THUMBNAILS = 4;

    @Inject @BatchProperty String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject ObjectStore store;
    @Inject FfmpegRunner ffmpeg;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        VideoKeys keys = new VideoKeys(videoId);
        if (store.exists(keys.storyboardVtt())) return "ALREADY_DONE";
        progress.stage(videoId, "thumbnails");
        Video video = lifecycle.require(videoId);
        String demuxer = video.source().container();
        Path source = files.materialize(keys.source(), files.localSource(videoId));
        Path dir = Files.createDirectories(files.workDir(videoId).resolve("thumbs"));
        double duration = video.source().durationMillis() / 1000.0;
        Duration t = Duration.ofMinutes(30);

        Path poster = dir.resolve("poster.jpg");
        picture("poster", source, demuxer, Math.min(duration * 0.1, 5), 1280, poster);
        store.put(keys.poster(), poster);
        for (int i = 0; i < THUMBNAILS; i++) {
            Path thumb = dir.resolve("thumb-" + i + ".jpg");
            picture("thumbnail", source, demuxer, duration * (i + 0.5) / THUMBNAILS, 320, thumb);
            store.put(keys.thumbnail(i), thumb);
        }

        Storyboard board = Storyboard.plan(duration, video.source().width(), video.source().height());
        Path sprite = dir.resolve("storyboard.jpg");
        // the storyboard needs the whole video decoded: from the smallest published rendition at least as large as a
        // tile (a 1080p source costs seconds of CPU to decode, its 144p rendition almost nothing)
        Optional<Rendition> small = video.renditions().stream()
                .filter(r -> r.status() == Rendition.Status.PUBLISHED && r.mp4Key() != null)
                .filter(r -> r.width() >= board.tileWidth() && r.height() >= board.tileHeight())
                .min(Comparator.comparingInt(Rendition::height));
        Path frames = small.isPresent() ? files.materialize(small.get().mp4Key(), dir.resolve("storyboard-source.mp4")) : source;
        ffmpeg.run("storyboard", ffmpeg.commands().storyboard(frames, small.isPresent() ? "mov" : demuxer,
                board.intervalSeconds(), board.tileWidth(), board.tileHeight(), board.columns(), board.rows(), sprite), t);
        store.put(keys.storyboardImage(), sprite);
        files.writeText(keys.storyboardVtt(), board.vtt("storyboard.jpg"), "text/vtt");
        files.deleteTree(dir);
        return "DONE";
    }

    /** The keyframe nearest before {@code at} (one frame decoded); the exact frame if the source flags no keyframes. */
    private void picture(String what, Path source, String demuxer, double at, int width, Path out) throws Exception {
        Duration t = Duration.ofMinutes(30);
        try {
            ffmpeg.run(what, ffmpeg.commands().thumbnail(source, demuxer, at, width, out, true), t);
            if (Files.isRegularFile(out) && Files.size(out) > 0) return;
        } catch (FfmpegException e) {
            // fall through to the exact frame
        }
        ffmpeg.run(what, ffmpeg.commands().thumbnail(source, demuxer, at, width, out, false), t);
    }
}
