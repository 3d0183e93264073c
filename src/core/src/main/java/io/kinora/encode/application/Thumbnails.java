package io.kinora.encode.application;

import io.kinora.media.FfmpegCommands;
import io.kinora.media.FfmpegRunner;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.media.FfmpegException;
import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A video's pictures: a poster, a few thumbnails across the video (keyframes of the source) and a storyboard sprite with
 * its WebVTT map, made from the smallest published rendition that is at least a tile large (decoding a 1080p source
 * for it costs seconds of CPU, its 144p rendition almost nothing).
 */
@ApplicationScoped
public class Thumbnails {
    private static final int THUMBNAILS = 4;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject ObjectStore store;
    @Inject FfmpegRunner ffmpeg;

    public boolean done(String videoId) throws IOException {
        return store.exists(new VideoKeys(videoId).storyboardVtt()); // written last
    }

    /** Makes and stores all pictures. */
    public void make(String videoId) throws IOException {
        VideoKeys keys = new VideoKeys(videoId);
        Video video = lifecycle.require(videoId);
        String demuxer = video.source().container();
        Path source = files.materialize(keys.source(), files.localSource(videoId));
        Path dir = Files.createDirectories(files.workDir(videoId).resolve("thumbs"));
        double duration = video.source().durationMillis() / 1000.0;

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
        Optional<Rendition> small = storyboardRendition(video, board);
        Path frames = small.isPresent() ? files.materialize(small.get().mp4Key(), dir.resolve("storyboard-source.mp4")) : source;
        run("storyboard", ffmpeg.commands().storyboard(frames, small.isPresent() ? "mov" : demuxer,
                board.intervalSeconds(), board.tileWidth(), board.tileHeight(), board.columns(), board.rows(), sprite));
        store.put(keys.storyboardImage(), sprite);
        files.writeText(keys.storyboardVtt(), board.vtt("storyboard.jpg"), "text/vtt");
        files.deleteTree(dir);
    }

    private static Optional<Rendition> storyboardRendition(Video video, Storyboard board) {
        return video.renditions().stream()
                .filter(r -> r.status() == Rendition.Status.PUBLISHED && r.mp4Key() != null)
                .filter(r -> r.width() >= board.tileWidth() && r.height() >= board.tileHeight())
                .min(Comparator.comparingInt(Rendition::height));
    }

    /** The keyframe nearest before {@code at} (one frame decoded); the exact frame if the source flags no keyframes. */
    private void picture(String what, Path source, String demuxer, double at, int width, Path out) {
        try {
            run(what, ffmpeg.commands().thumbnail(source, demuxer, at, width, out, FfmpegCommands.Frame.KEYFRAME));
            if (Files.isRegularFile(out) && Files.size(out) > 0) return;
        } catch (FfmpegException | IOException e) {
            // fall through to the exact frame
        }
        run(what, ffmpeg.commands().thumbnail(source, demuxer, at, width, out, FfmpegCommands.Frame.EXACT));
    }

    private void run(String what, List<String> command) {
        ffmpeg.run(what, command, TIMEOUT);
    }
}
