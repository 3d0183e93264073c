package io.kinora.catalog.web;

import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.progress.VideoProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** A video as the API shows it: metadata, state, live progress, renditions with their URLs. */
public record VideoView(String id, String title, String description, Owner owner, String visibility, String status,
                        Failure failure, Progress progress, Source source, List<RenditionView> renditions,
                        Map<String, String> links, Long jobExecutionId, long storedBytes,
                        Instant createdAt, Instant readyAt, Instant completedAt, List<CaptionTrack> captions,
                        AutoCaptions autoCaptions, Trace trace) {

    /** A subtitle track (one video's GET only): its language, whether speech recognition made it, its WebVTT. */
    public record CaptionTrack(String lang, boolean automatic, String vtt) { }

    /**
     * Automatic captions (one video's GET only, when asked for or made): state REQUESTED, QUEUED, RUNNING, DONE,
     * SKIPPED, FAILED or REPLACED, with a sentence saying why in {@code note}.
     */
    public record AutoCaptions(Boolean requested, String state, String lang, String engine, String note, Integer words,
                               Double audioSeconds, Double recognizeSeconds, Instant updatedAt) { }


    /** The encode's OpenTelemetry trace; {@code url} from the {@code kinora.otel.trace-url} template when one is set. */
    public record Trace(String id, String url) {
        static Trace of(String traceId) {
            if (traceId == null) return null;
            String template = ConfigProvider.getConfig().getOptionalValue("kinora.otel.trace-url", String.class).orElse(null);
            return new Trace(traceId, template == null || template.isBlank() ? null : template.replace("{traceId}", traceId));
        }
    }

    /** Who uploaded it; {@code GET /api/v1/videos?owner=<id>} lists their videos. */
    public record Owner(long id, String username) { }

    public record Failure(String code, String reason) { }

    /** {@code download} only while a torrent import downloads the file (stage {@code metadata} or {@code downloading}). */
    public record Progress(String stage, int percent, Map<String, Integer> piecesDone, Map<String, Integer> piecesTotal,
                           Download download) { }

    public record Download(long bytesDone, long bytesTotal, int peers, long bytesPerSecond) { }

    public record Source(String filename, Long size, String sha256, String container, String videoCodec,
                         String audioCodec, Integer width, Integer height, String frameRate, Long durationMillis) { }

    public record RenditionView(String name, String codec, int width, int height, int bitrateKbps, String status,
                                String codecs, String frameRate, Long peakBandwidth, Long averageBandwidth,
                                Double psnr, Double ssim, Instant publishedAt, Map<String, String> links) { }

    public static VideoView of(Video v, VideoProgress p, String base, String ownerName) {
        String self = base + "/api/v1/videos/" + v.id();
        Failure failure = v.failureCode() == null ? null : new Failure(v.failureCode(), v.failureReason());
        Progress progress = p == null
                ? new Progress(v.status().name().toLowerCase(), switch (v.status()) { case COMPLETED -> 100; default -> 0; },
                        Map.of(), Map.of(), null)
                : new Progress(p.stage(), p.percent(), p.piecesDone(), p.piecesTotal(), p.download() == null ? null
                        : new Download(p.download().bytesDone(), p.download().bytesTotal(), p.download().peers(),
                                p.download().bytesPerSecond()));
        var s = v.source();
        Source source = new Source(v.originalFilename(), v.sourceSize(), v.contentSha256(), s.container(), s.videoCodec(),
                s.audioCodec(), s.width(), s.height(), s.frameRate(), s.durationMillis());
        List<RenditionView> renditions = v.renditions().stream().map(r -> new RenditionView(r.name(), r.codec(),
                r.width(), r.height(), r.bitrateKbps(), r.status().name(), r.codecs(), r.frameRate(), r.peakBandwidth(),
                r.averageBandwidth(), r.psnr(), r.ssim(), r.publishedAt(), r.status() == Rendition.Status.PUBLISHED
                        ? Map.of("hls", self + "/hls/" + r.name() + "/index.m3u8", "mp4", self + "/mp4/" + r.name())
                        : Map.of())).toList();
        boolean playable = v.renditions().stream().anyMatch(r -> r.status() == Rendition.Status.PUBLISHED);
        Map<String, String> links = playable
                ? Map.of("self", self, "hls", self + "/hls/master.m3u8", "poster", self + "/thumbs/poster.jpg",
                        "storyboard", self + "/thumbs/storyboard.vtt")
                : Map.of("self", self);
        return new VideoView(v.id(), v.title(), v.description(), new Owner(v.ownerId(), ownerName), v.visibility().name(), v.status().name(), failure,
                progress, source, renditions, links, v.jobExecutionId(), v.storedBytes(), v.createdAt(), v.readyAt(),
                v.completedAt(), null, null, Trace.of(v.traceId()));
    }

    /** With the captions and the automatic captions' record, as one video's GET shows it. */
    public VideoView withCaptions(List<String> languages, io.kinora.captions.AutoCaptionRecords.Record auto) {
        String automaticLang = auto == null ? null : auto.automaticTrack().orElse(null);
        String self = links.getOrDefault("self", "");
        List<CaptionTrack> tracks = languages.stream()
                .map(l -> new CaptionTrack(l, l.equals(automaticLang), self + "/hls/captions/" + l + ".vtt")).toList();
        AutoCaptions a = auto == null ? null : new AutoCaptions(auto.requested(), auto.state().name(), auto.lang(),
                auto.engine(), auto.note(), auto.words(), auto.audioSeconds(), auto.recognizeSeconds(), auto.updatedAt());
        return new VideoView(id, title, description, owner, visibility, status, failure, progress, source, renditions,
                links, jobExecutionId, storedBytes, createdAt, readyAt, completedAt, tracks, a, trace);
    }
}
