package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.FfmpegRunner;
import io.kinora.encode.application.PieceManifest;
import io.kinora.encode.application.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.progress.ProgressBoard;
import io.kinora.storage.ObjectStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Step 3: the audio, encoded once for the whole source (AAC). Never per piece: per-piece AAC adds
 * priming samples at every join and drifts. Sources without audio skip this.
 */
@Named("encodeAudio")
@Dependent
public class EncodeAudio extends AbstractBatchlet {
    @Inject @BatchProperty String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject ObjectStore store;
    @Inject FfmpegRunner ffmpeg;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        VideoKeys keys = new VideoKeys(videoId);
        Video video = lifecycle.require(videoId);
        if (video.source().audioCodec() == null) return "NO_AUDIO";
        if (store.exists(keys.audio())) return "ALREADY_ENCODED";
        progress.stage(videoId, "audio");
        Path source = files.materialize(keys.source(), SourceFile.local(files, videoId));
        Path out = files.workDir(videoId).resolve("audio.m4a");
        // the picture ends where the last piece ends: the audio is made exactly that long
        var pieces = PieceManifest.parse(files.readText(keys.piecesManifest())).pieces();
        double videoSeconds = pieces.get(pieces.size() - 1).end();
        ffmpeg.run("audio", ffmpeg.commands().encodeAudio(source, video.source().container(), out, videoSeconds),
                Duration.ofHours(2));
        store.put(keys.audio(), out);
        return "ENCODED";
    }
}
