package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.AudioTrack;
import io.kinora.encode.application.EncodeFaults;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.FailureNotes;
import io.kinora.encode.application.FfmpegRunner;
import io.kinora.encode.application.PieceManifest;
import io.kinora.encode.application.Profiles;
import io.kinora.encode.application.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.media.FfmpegCommands;
import io.kinora.media.FfmpegCommands.EncoderOptions;
import io.kinora.media.FfmpegCommands.PieceOutput;
import io.kinora.media.FfmpegCommands.PieceSpan;
import io.kinora.media.FfmpegException;
import io.kinora.media.Rational;
import io.kinora.media.RenditionSpec;
import io.kinora.ops.metrics.OpsCounters;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes one piece for a group of renditions with one FFmpeg (video only, one decode, keyframes on the shared
 * grid), or the audio track. FFmpeg failures are retryable (see the job XML); the last one is noted so a FAILED video says why.
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
    @Inject OpsCounters counters;
    @Inject AudioTrack audio;

    private PieceManifest manifest;
    private Video video;
    private final Map<String, Rendition> renditions = new HashMap<>();
    private String lowest;

    @Override
    public Object processItem(Object item) throws Exception {
        counters.encodeStarted();
        try {
            return encode((PieceWork) item);
        } finally {
            counters.encodeEnded();
        }
    }

    private List<EncodedPiece> encode(PieceWork work) throws Exception {
        load();
        if (work.isAudio()) return List.of(new EncodedPiece(StoredPiece.AUDIO, audio.encode(video)));
        VideoKeys keys = new VideoKeys(videoId);
        PieceManifest.Piece piece = manifest.get(work.piece());
        Path dir = files.workDir(videoId);
        Path source = files.materialize(keys.sourcePiece(piece.index()), dir.resolve("pieces").resolve(name(piece.index())));
        List<PieceOutput> outputs = new ArrayList<>();
        List<EncodedPiece> encoded = new ArrayList<>();
        for (String rendition : work.renditions()) {
            Path out = Files.createDirectories(dir.resolve("enc").resolve(rendition)).resolve(name(piece.index()));
            outputs.add(new PieceOutput(Profiles.spec(renditions.get(rendition)), out));
            encoded.add(new EncodedPiece(new StoredPiece(rendition, piece.index()), out));
        }
        EncoderOptions options = new EncoderOptions(settings.preset(), settings.gopSeconds(),
                Rational.parse(video.source().frameRate()),
                video.source().height() == null ? 0 : video.source().height(), manifest.rotation());
        PieceSpan span = new PieceSpan(piece.start(), manifest.isLast(piece) ? Double.NaN : piece.end(),
                manifest.outputStart(piece));
        List<RenditionSpec> chain = work.group().stream().map(r -> Profiles.spec(renditions.get(r))).toList();
        String what = "piece " + piece.index() + " of " + String.join(", ", work.renditions());
        try {
            EncodeFaults.beforePieceEncode(what);
            List<String> command = ffmpeg.commands().encodePiece(source, span, chain, outputs, options);
            // only the lowest rung is on the way to the first playable rendition: the rest waits behind it for CPU
            if (!work.group().contains(lowest)) command = FfmpegCommands.inBackground(command);
            ffmpeg.run("encode " + what, command, Duration.ofHours(1));
        } catch (FfmpegException e) {
            failures.note(videoId, "encoding " + what + " failed: " + e.getMessage());
            throw e;
        }
        counters.encoded(encoded.size());
        return encoded;
    }

    private void load() throws Exception {
        if (manifest != null) return;
        manifest = PieceManifest.parse(files.readText(new VideoKeys(videoId).piecesManifest()));
        video = lifecycle.require(videoId);
        video.renditions().forEach(r -> renditions.put(r.name(), r));
        lowest = video.renditions().isEmpty() ? null : video.renditions().get(0).name(); // sorted by height
    }

    private static String name(int index) {
        return String.format("piece-%05d.nut", index);
    }
}
