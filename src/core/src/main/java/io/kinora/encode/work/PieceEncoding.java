package io.kinora.encode.work;

import io.kinora.media.FfmpegLabels;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.encode.application.AudioTrack;
import io.kinora.encode.application.EncodeDrill;
import io.kinora.encode.application.EncodeJobs;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.Encoders;
import io.kinora.encode.application.PieceRecords;
import io.kinora.media.FfmpegRunner;
import io.kinora.encode.application.PieceManifest;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.media.FfmpegCommands;
import io.kinora.media.FfmpegCommands.EncoderOptions;
import io.kinora.media.FfmpegCommands.PieceOutput;
import io.kinora.media.FfmpegCommands.PieceSpan;
import io.kinora.media.RenditionSpec;
import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes one work item on this node, whichever node coordinates the job: one piece for a group of renditions with
 * one FFmpeg (video only, one decode, keyframes on the shared grid), or the audio track; stores each result under its
 * deterministic key and records which node made it. Idempotent: outputs already in the store are not made again, so
 * a redelivered item (its first node died) or a duplicate costs nothing and changes nothing.
 */
@ApplicationScoped
public class PieceEncoding {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(PieceEncoding.class.getName());
    @Inject io.kinora.encode.application.PieceEncodeSeconds pieceSeconds;
    @Inject io.kinora.tracing.Traces traces;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject ObjectStore store;
    @Inject FfmpegRunner ffmpeg;
    @Inject EncodeSettings settings;
    @Inject Encoders encoders;
    @Inject AudioTrack audio;
    @Inject PieceRecords records;
    @Inject EncodeDrill drill;
    @Inject io.kinora.encode.application.PieceManifests manifests;

    /** Items being encoded on this node, by video, piece and group: the same item twice waits for the first. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Void>> running =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, ItemContext> contexts = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ItemContext> eldest) {
            return size() > 16;
        }
    };

    /**
     * Encodes what of the item is not stored yet; returns what the store now holds for it. The same item twice on this
     * node (a redelivered item of a crashed job and the restarted job's) runs once: the second waits and finds it stored.
     */
    public List<StoredPiece> encode(String videoId, long execution, PieceWork work) throws Exception {
        String key = videoId + "/" + work.piece() + "/" + String.join(",", work.group());
        java.util.concurrent.CompletableFuture<Void> mine = new java.util.concurrent.CompletableFuture<>();
        for (var other = running.putIfAbsent(key, mine); other != null; other = running.putIfAbsent(key, mine)) {
            try {
                other.join();
            } catch (RuntimeException failedThere) {
                // the other attempt failed: this one tries
            }
        }
        try {
            return encodeOnce(videoId, execution, work);
        } finally {
            running.remove(key, mine);
            mine.complete(null);
        }
    }

    private List<StoredPiece> encodeOnce(String videoId, long execution, PieceWork work) throws Exception {
        VideoKeys keys = new VideoKeys(videoId);
        PieceWork missing = StoredOutputs.missing(store, videoId, work);
        if (work.isAudio()) {
            if (missing != null) {
                long started = System.nanoTime();
                encoders.started();
                try {
                    Path file = audio.encode(lifecycle.require(videoId));
                    store.put(keys.audio(), file);
                    Files.deleteIfExists(file);
                } finally {
                    encoders.ended();
                }
                records.record(videoId, List.of(StoredPiece.AUDIO), EncodeJobs.node(), System.nanoTime() - started);
            }
            return List.of(StoredPiece.AUDIO);
        }
        List<StoredPiece> result = work.renditions().stream().map(r -> new StoredPiece(r, work.piece())).toList();
        if (missing == null) return result;

        long started = System.nanoTime();
        encoders.started();
        try {
            encodeVideo(videoId, execution, missing, keys);
        } finally {
            encoders.ended();
        }
        long nanos = System.nanoTime() - started;
        pieceSeconds.observe(nanos / 1e9, traces.currentTraceId()); // the worker's span is current: its trace
        records.record(videoId, missing.renditions().stream().map(r -> new StoredPiece(r, work.piece())).toList(),
                EncodeJobs.node(), nanos);
        encoders.encoded(missing.renditions().size());
        LOG.info(() -> "Encoded piece " + work.piece() + " of " + videoId + " (" + String.join(", ", missing.renditions()) + ") in "
                + nanos / 1_000_000 + " ms");
        return result;
    }

    private void encodeVideo(String videoId, long execution, PieceWork work, VideoKeys keys) throws Exception {
        ItemContext context = context(videoId, execution);
        PieceManifest manifest = manifests.of(videoId, execution);
        PieceManifest.Piece piece = manifest.get(work.piece());
        Path dir = files.workDir(videoId);
        String name = VideoKeys.pieceName(piece.index());
        Path source = files.materialize(keys.sourcePiece(piece.index()), dir.resolve("pieces").resolve(name));
        List<PieceOutput> outputs = new ArrayList<>();
        for (String rendition : work.renditions()) {
            // a private name: a redelivered item may be encoded here while the same item of a restarted job is
            Path out = Files.createDirectories(dir.resolve("enc").resolve(rendition))
                    .resolve(name.replace(".nut", "-" + java.util.UUID.randomUUID() + ".nut"));
            outputs.add(new PieceOutput(context.spec(rendition), out));
        }
        EncoderOptions options = new EncoderOptions(settings.preset(), settings.gopSeconds(), context.frameRate(),
                context.sourceHeight(), manifest.rotation());
        PieceSpan span = new PieceSpan(piece.start(), manifest.isLast(piece) ? Double.NaN : piece.end(),
                manifest.outputStart(piece));
        List<RenditionSpec> chain = work.group().stream().map(context::spec).toList();
        String what = "piece " + piece.index() + " of " + String.join(", ", work.renditions());
        drill.beforePieceEncode(what);
        List<String> command = ffmpeg.commands().encodePiece(source, span, chain, outputs, options);
        // only the lowest rung is on the way to the first playable rendition: the rest waits behind it for CPU
        if (!work.group().contains(context.lowest())) command = FfmpegCommands.inBackground(command);
        try (Scope labelled = labels(piece.index(), work, source, outputs)) {
            ffmpeg.run("encode " + what, command, Duration.ofHours(1));
        }
        for (int i = 0; i < outputs.size(); i++) {
            Path file = outputs.get(i).file();
            store.put(keys.encodedPiece(work.renditions().get(i), piece.index()), file); // atomic: all or nothing
            Files.deleteIfExists(file);
        }
    }

    /** The piece's labels for the FFmpeg span; nothing to do outside a trace. */
    private static Scope labels(int piece, PieceWork work, Path source, List<PieceOutput> outputs) {
        if (!Span.current().getSpanContext().isValid()) return Scope.noop();
        return new FfmpegLabels(Attributes.of(AttributeKey.longKey("kinora.piece"), (long) piece,
                AttributeKey.stringArrayKey("kinora.renditions"), work.renditions()),
                List.of(source), outputs.stream().map(PieceOutput::file).toList()).apply();
    }

    /** The execution's context, read on its first item here; a few executions are kept (jobs run side by side). */
    private ItemContext context(String videoId, long execution) {
        String key = videoId + "#" + execution;
        synchronized (contexts) {
            ItemContext known = contexts.get(key);
            if (known != null) return known;
        }
        ItemContext context = ItemContext.of(lifecycle.require(videoId));
        synchronized (contexts) {
            contexts.put(key, context);
        }
        return context;
    }
}
