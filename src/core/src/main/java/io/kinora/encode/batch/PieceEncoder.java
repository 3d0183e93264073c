package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.EncodeFaults;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.FailureNotes;
import io.kinora.encode.application.FfmpegRunner;
import io.kinora.encode.application.PieceManifest;
import io.kinora.encode.application.Profiles;
import io.kinora.encode.application.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.media.FfmpegCommands.EncoderOptions;
import io.kinora.media.FfmpegException;
import io.kinora.media.Rational;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes one piece for one rendition with FFmpeg (video only, keyframes on the shared grid).
 * FFmpeg failures are retryable (see the job XML); the last one is noted so a FAILED video says why.
 */
@Named("pieceEncoder")
@Dependent
public class PieceEncoder implements ItemProcessor {
    @Inject @BatchProperty String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject FfmpegRunner ffmpeg;
    @Inject EncodeSettings settings;
    @Inject FailureNotes failures;

    private PieceManifest manifest;
    private Video video;
    private final Map<String, Rendition> renditions = new HashMap<>();

    @Override
    public Object processItem(Object item) throws Exception {
        PieceWork work = (PieceWork) item;
        load();
        VideoKeys keys = new VideoKeys(videoId);
        PieceManifest.Piece piece = manifest.get(work.piece());
        Path dir = files.workDir(videoId);
        Path source = files.materialize(keys.sourcePiece(piece.index()), dir.resolve("pieces").resolve(name(piece.index())));
        Path out = Files.createDirectories(dir.resolve("enc").resolve(work.rendition())).resolve(name(piece.index()));
        Rendition r = renditions.get(work.rendition());
        EncoderOptions options = new EncoderOptions(settings.preset(), settings.gopSeconds(),
                Rational.parse(video.source().frameRate()));
        String what = "piece " + piece.index() + " of " + work.rendition();
        try {
            EncodeFaults.beforePieceEncode(what);
            ffmpeg.run("encode " + what,
                    ffmpeg.commands().encodePiece(source, piece.start(), Profiles.spec(r), options, out), Duration.ofHours(1));
        } catch (FfmpegException e) {
            failures.note(videoId, "encoding " + what + " failed: " + e.getMessage());
            throw e;
        }
        return new EncodedPiece(work, out);
    }

    private void load() throws Exception {
        if (manifest != null) return;
        manifest = PieceManifest.parse(files.readText(new VideoKeys(videoId).piecesManifest()));
        video = lifecycle.require(videoId);
        video.renditions().forEach(r -> renditions.put(r.name(), r));
    }

    private static String name(int index) {
        return String.format("piece-%05d.mkv", index);
    }
}
