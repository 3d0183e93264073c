package io.kinora.encode.application;

import io.kinora.tracing.JobTraces;
import io.kinora.tracing.TraceScope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.kinora.media.FfmpegRunner;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.progress.ProgressBoard;
import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Turns a rendition's encoded pieces into what players fetch: pieces joined by stream copy and muxed with
 * the once-encoded audio into a faststart MP4, the same bytes repackaged as HLS fMP4, both published to
 * the store, then the master playlist rewritten. Idempotent: a published rendition is left alone.
 */
@ApplicationScoped
public class RenditionPackager {
    private static final Logger LOG = Logger.getLogger(RenditionPackager.class.getName());
    private static final Duration TIMEOUT = Duration.ofHours(2);

    @Inject JobTraces jobTraces;
    @Inject ObjectStore store;
    @Inject WorkFiles files;
    @Inject FfmpegRunner ffmpeg;
    @Inject EncodeSettings settings;
    @Inject VideoLifecycle lifecycle;
    @Inject ProgressBoard progress;
    @Inject PieceManifests manifests;
    @Inject io.kinora.catalog.application.Captions captions;
    /** Which tracks are automatic (the captions capability answers; none without it). */
    @Inject jakarta.enterprise.inject.Instance<io.kinora.catalog.application.AutomaticCaptions> automatic;

    /** Striped locks: one master writer per video at a time, without a map that grows with every video. */
    private final Object[] masterLocks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

    /** True when every piece of the rendition is in the store. */
    public boolean complete(String videoId, String rendition, int pieces) throws IOException {
        return store.list(new VideoKeys(videoId).encodedPrefix(rendition)).size() >= pieces;
    }

    /**
     * Publishes the rendition if all its pieces (and the audio track, when the source has sound) are stored and it is
     * not yet published; returns whether it did.
     */
    public boolean publishIfComplete(String videoId, long execution, String renditionName) throws IOException {
        Span span = jobTraces.startUnderJob(videoId, "publish " + renditionName);
        try (Scope scope = TraceScope.enter(span)) {
            boolean published = publish(videoId, execution, renditionName);
            span.setAttribute("kinora.published", published);
            return published;
        } catch (IOException | RuntimeException e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    private boolean publish(String videoId, long execution, String renditionName) throws IOException {
        Video video = lifecycle.require(videoId);
        VideoStatus before = video.status(); // the entity itself changes as renditions are published
        Rendition rendition = video.renditions().stream().filter(r -> r.name().equals(renditionName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no rendition " + renditionName));
        if (rendition.status() == Rendition.Status.PUBLISHED) return false;
        VideoKeys keys = new VideoKeys(videoId);
        PieceManifest manifest = manifests.of(videoId, execution);
        if (!complete(videoId, renditionName, manifest.size())) return false;
        boolean withAudio = AudioTrack.present(video);
        if (withAudio && !store.exists(keys.audio())) return false;

        Path dir = files.workDir(videoId).resolve("pkg").resolve(renditionName);
        Path hlsDir = Files.createDirectories(dir.resolve("hls"));
        List<Path> pieces = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        for (PieceManifest.Piece p : manifest.pieces()) {
            pieces.add(files.materialize(keys.encodedPiece(renditionName, p.index()),
                    dir.resolve("pieces").resolve(VideoKeys.pieceName(p.index()))));
            durations.add(p.duration());
        }
        Path list = dir.resolve("pieces.ffconcat");
        Files.writeString(list, io.kinora.media.FfmpegCommands.concatList(pieces, durations));
        Path audio = withAudio ? files.materialize(keys.audio(), files.workDir(videoId).resolve("audio.m4a")) : null;
        Path mp4 = dir.resolve(renditionName + ".mp4");
        ffmpeg.run("join " + renditionName, ffmpeg.commands().joinPieces(list, manifest.videoOffset(), audio,
                manifest.audioOffset(), mp4), TIMEOUT);
        ffmpeg.run("package HLS " + renditionName, ffmpeg.commands().hls(mp4, hlsDir, settings.hlsSegmentSeconds()), TIMEOUT);
        OutputDescription out = OutputDescription.parse(
                ffmpeg.run("describe " + renditionName, ffmpeg.commands().describeOutput(mp4), Duration.ofMinutes(2)).stdout());
        Bandwidth bw = Bandwidth.of(hlsDir);

        long bytes = 0;
        try (var entries = Files.list(hlsDir)) {
            for (Path f : entries.sorted().toList()) {
                store.put(keys.hlsDir(renditionName) + f.getFileName(), f);
                bytes += Files.size(f);
            }
        }
        long mp4Size = Files.size(mp4);
        store.put(keys.mp4(renditionName), mp4);
        bytes += mp4Size;

        VideoLifecycle.Publication publication = new VideoLifecycle.Publication(out.codecs(),
                // the source's nominal rate: the output keeps its timestamps, so frames / duration would only be an average
                video.source().frameRate() != null ? OutputDescription.decimal(video.source().frameRate()) : out.frameRateDecimal(),
                bw.peak(), bw.average(), keys.hlsDir(renditionName) + "index.m3u8", keys.mp4(renditionName), mp4Size, bytes);
        VideoStatus status;
        synchronized (masterLock(videoId)) {
            status = lifecycle.published(videoId, renditionName, publication, v -> {
                try {
                    writeMaster(v);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        if (status != before) jobTraces.milestone(videoId, status.name());
        progress.renditionPublished(videoId, renditionName);
        files.deleteTree(dir);
        LOG.info(() -> "Published " + renditionName + " of " + videoId + " -> " + status);
        return true;
    }

    /** Languages of the captions the owner uploaded (hls/captions/{lang}.vtt). */
    /** The master only exists once a rendition is published; until then publishing writes it with the captions. */
    void onCaptionsChanged(@jakarta.enterprise.event.Observes io.kinora.catalog.application.CaptionsChanged changed)
            throws IOException {
        boolean published = lifecycle.require(changed.videoId()).renditions().stream()
                .anyMatch(r -> r.status() == io.kinora.catalog.domain.Rendition.Status.PUBLISHED);
        if (published) writeMaster(changed.videoId());
    }

    /** Rewrites master.m3u8 from the published renditions and captions; one writer per video at a time. */
    public void writeMaster(String videoId) throws IOException {
        synchronized (masterLock(videoId)) {
            writeMaster(lifecycle.require(videoId));
        }
    }

    private void writeMaster(Video v) throws IOException {
        java.util.Set<String> auto = automatic.isResolvable() ? automatic.get().automaticLanguages(v.id()) : java.util.Set.of();
        files.writeText(new VideoKeys(v.id()).master(), MasterPlaylist.render(v.renditions(), captions.languages(v.id()), auto),
                "application/vnd.apple.mpegurl");
    }

    private Object masterLock(String videoId) {
        return masterLocks[Math.floorMod(videoId.hashCode(), masterLocks.length)];
    }
}
