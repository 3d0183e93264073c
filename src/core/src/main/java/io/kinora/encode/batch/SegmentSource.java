package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.media.FfmpegRunner;
import io.kinora.encode.application.PieceManifest;
import io.kinora.encode.application.SourceTimes;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.media.SourceTimeline;
import io.kinora.progress.ProgressBoard;
import io.kinora.storage.ObjectStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2: cut the source into pieces by stream copy at its own keyframes and store them with a manifest of the
 * timeline (see {@link PieceManifest}). Each stored piece reaches from its keyframe to the keyframe after the next
 * one, so that the frames shown just before the next cut, which open GOPs code after it, can be decoded; the encode
 * keeps only the piece's own span. Two copying passes make these overlapping files: one cuts at every even cut, the
 * other at every odd one. Skipped when a previous run already stored the manifest.
 */
@Named("segmentSource")
@Dependent
public class SegmentSource extends AbstractBatchlet {
    @Inject @JobVideoId String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject ObjectStore store;
    @Inject FfmpegRunner ffmpeg;
    @Inject EncodeSettings settings;
    @Inject ProgressBoard progress;
    @Inject SourceTimes times;

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
        String demuxer = video.source().container();
        Path source = files.materialize(keys.source(), files.localSource(videoId));
        Path dir = files.workDir(videoId).resolve("pieces");
        files.deleteTree(dir);
        Files.createDirectories(dir);

        SourceTimes.Read read = times.read(source, demuxer, dir.resolve("packets.csv"));
        SourceTimeline timeline = read.timeline();
        List<SourceTimeline.Cut> cuts = timeline.cuts(settings.pieceSeconds());
        long offset = timeline.offsetSeconds();
        // pass "even" cuts before cuts 2, 4, ...: its files hold pieces 0, 2, 4, ...; pass "odd" before 1, 3, ...
        List<Integer> even = new ArrayList<>(), odd = new ArrayList<>();
        for (int k = 0; k < cuts.size(); k++) (k % 2 == 0 ? odd : even).add(cuts.get(k).packet());
        ffmpeg.run("segment", ffmpeg.commands().segment(source, demuxer, even, offset, dir.resolve("even-%05d.nut")),
                Duration.ofHours(2));
        if (!cuts.isEmpty()) {
            ffmpeg.run("segment", ffmpeg.commands().segment(source, demuxer, odd, offset, dir.resolve("odd-%05d.nut")),
                    Duration.ofHours(2));
        }

        // where the muxer really put the first packet: normally exactly the offset asked for; anything else it added
        // (a shift to keep decode times non-negative) is measured here rather than assumed away
        double actual = Double.parseDouble(ffmpeg.run("probe piece", ffmpeg.commands().firstPacketTime(
                dir.resolve("even-00000.nut")), Duration.ofMinutes(1)).stdout().strip().replace(",", ""));
        double shift = actual - timeline.firstPacket();
        List<PieceManifest.Piece> pieces = new ArrayList<>();
        int n = cuts.size() + 1;
        for (int i = 0; i < n; i++) {
            double start = (i == 0 ? timeline.firstShown() : cuts.get(i - 1).seconds()) + shift;
            double end = (i + 1 < n ? cuts.get(i).seconds() : timeline.end()) + shift;
            pieces.add(new PieceManifest.Piece(i, start, end));
            // piece i: file i/2 of the even pass, or file (i+1)/2 of the odd pass (whose file 0 is never used)
            Path file = dir.resolve(i % 2 == 0 ? String.format("even-%05d.nut", i / 2) : String.format("odd-%05d.nut", (i + 1) / 2));
            store.put(keys.sourcePiece(i), file);
        }
        double origin = Math.min(timeline.firstShown(), read.audioStart()) + shift;
        PieceManifest manifest = new PieceManifest(shift, origin, read.rotation(), pieces);
        // the manifest goes last: its presence means every piece is stored
        files.writeText(keys.piecesManifest(), manifest.format(), "text/csv");
        lifecycle.piecesPlanned(videoId, manifest.size());
        return "SEGMENTED";
    }
}
