package io.kinora.encode.application;

import io.kinora.media.FfmpegRunner;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.catalog.domain.Video;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The audio, encoded once for the whole source (AAC), never per piece: per-piece AAC adds priming samples at every
 * join and drifts. It keeps the source's own start and length, as a single-pass encode does; the join places it.
 */
@ApplicationScoped
public class AudioTrack {
    @Inject WorkFiles files;
    @Inject FfmpegRunner ffmpeg;

    public static boolean present(Video video) {
        return video.source().audioCodec() != null;
    }

    /** Encodes the source's audio to a local file and returns it; the caller stores it. */
    public Path encode(Video video) throws IOException {
        VideoKeys keys = new VideoKeys(video.id());
        Path source = files.materialize(keys.source(), files.localSource(video.id()));
        Path out = files.workDir(video.id()).resolve("audio.m4a");
        ffmpeg.run("audio", ffmpeg.commands().encodeAudio(source, video.source().container(), out), Duration.ofHours(2));
        return out;
    }
}
