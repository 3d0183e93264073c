package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.EncodeSettings;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Step 2: cut the source into short pieces by stream copy (at its own keyframes) and store them with
 * a manifest of exact start/end times. Skipped when a previous run already stored the manifest.
 */
@Named("segmentSource")
@Dependent
public class SegmentSource extends AbstractBatchlet {
    @Inject @BatchProperty String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject ObjectStore store;
    @Inject FfmpegRunner ffmpeg;
    @Inject EncodeSettings settings;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        VideoKeys keys = new VideoKeys(videoId);
        if (store.exists(keys.piecesManifest())) {
            PieceManifest m = PieceManifest.parse(files.readText(keys.piecesManifest()));
            lifecycle.piecesPlanned(videoId, m.size());
            return "ALREADY_SEGMENTED";
        }
        progress.stage(videoId, "segmenting");
        Video video = lifecycle.require(videoId);
        Path source = files.materialize(keys.source(), files.localSource(videoId));
        Path dir = files.workDir(videoId).resolve("pieces");
        files.deleteTree(dir);
        Files.createDirectories(dir);
        Path csv = dir.resolve("segments.csv");
        ffmpeg.run("segment", ffmpeg.commands().segment(source, video.source().container(), settings.pieceSeconds(),
                dir.resolve("piece-%05d.mkv"), csv), Duration.ofHours(2));
        PieceManifest manifest = PieceManifest.parseSegmentList(Files.readString(csv));
        for (PieceManifest.Piece p : manifest.pieces()) {
            store.put(keys.sourcePiece(p.index()), dir.resolve(String.format("piece-%05d.mkv", p.index())));
        }
        // the manifest goes last: its presence means every piece is stored
        files.writeText(keys.piecesManifest(), manifest.format(), "text/csv");
        lifecycle.piecesPlanned(videoId, manifest.size());
        return "SEGMENTED";
    }
}
