package io.kinora.progress;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable snapshot of one video's work: stage, pieces done per rendition, published renditions; while a
 * torrent import downloads its file ({@code stage: downloading}), the bytes, peers and rate of that download.
 */
public record VideoProgress(String videoId, String stage, Map<String, Integer> piecesTotal,
                            Map<String, Integer> piecesDone, Set<String> published, Instant updatedAt,
                            Download download) {

    /** A torrent download: this video's file's bytes done of total; peers and payload rate of the whole torrent. */
    public record Download(long bytesDone, long bytesTotal, int peers, long bytesPerSecond) {
        public int percent() {
            return bytesTotal <= 0 ? 0 : (int) Math.min(100, Math.floor(100.0 * bytesDone / bytesTotal));
        }
    }

    static VideoProgress start(String videoId) {
        return new VideoProgress(videoId, "queued", Map.of(), Map.of(), Set.of(), Instant.now(), null);
    }

    /** 0..100 over all (rendition x piece) work items; publishing is the last step of each rendition. */
    public int percent() {
        if (download != null && piecesTotal.isEmpty()) return download.percent();
        int total = piecesTotal.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) return "completed".equals(stage) ? 100 : 0;
        int done = piecesDone.entrySet().stream()
                .mapToInt(e -> Math.min(e.getValue(), piecesTotal.getOrDefault(e.getKey(), 0))).sum();
        return (int) Math.min(100, Math.floor(100.0 * done / total));
    }

    VideoProgress withStage(String s) {
        // leaving the download stages (probe, encode...) leaves the download figures behind
        return new VideoProgress(videoId, s, piecesTotal, piecesDone, published, Instant.now(),
                s.equals("downloading") || s.equals("metadata") ? download : null);
    }

    VideoProgress withDownload(String s, Download d) {
        return new VideoProgress(videoId, s, piecesTotal, piecesDone, published, Instant.now(), d);
    }

    VideoProgress withPlan(Map<String, Integer> plan) {
        return new VideoProgress(videoId, stage, Map.copyOf(plan), piecesDone, published, Instant.now(), null);
    }

    VideoProgress withPieces(String rendition, int done) {
        Map<String, Integer> d = new LinkedHashMap<>(piecesDone);
        d.merge(rendition, done, Math::max); // never go backwards, whatever order partitions report in
        return new VideoProgress(videoId, stage, piecesTotal, Map.copyOf(d), published, Instant.now(), null);
    }

    VideoProgress withPublished(String rendition) {
        Set<String> p = new TreeSet<>(published);
        p.add(rendition);
        return new VideoProgress(videoId, stage, piecesTotal, piecesDone, Set.copyOf(p), Instant.now(), null);
    }
}
