package io.kinora.progress;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An immutable snapshot of one video's encode: stage, pieces done per rendition, published renditions. */
public record VideoProgress(String videoId, String stage, Map<String, Integer> piecesTotal,
                            Map<String, Integer> piecesDone, Set<String> published, Instant updatedAt) {

    static VideoProgress start(String videoId) {
        return new VideoProgress(videoId, "queued", Map.of(), Map.of(), Set.of(), Instant.now());
    }

    /** 0..100 over all (rendition x piece) work items; publishing is the last step of each rendition. */
    public int percent() {
        int total = piecesTotal.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) return "completed".equals(stage) ? 100 : 0;
        int done = piecesDone.entrySet().stream()
                .mapToInt(e -> Math.min(e.getValue(), piecesTotal.getOrDefault(e.getKey(), 0))).sum();
        return (int) Math.min(100, Math.floor(100.0 * done / total));
    }

    VideoProgress withStage(String s) {
        return new VideoProgress(videoId, s, piecesTotal, piecesDone, published, Instant.now());
    }

    VideoProgress withPlan(Map<String, Integer> plan) {
        return new VideoProgress(videoId, stage, Map.copyOf(plan), piecesDone, published, Instant.now());
    }

    VideoProgress withPieces(String rendition, int done) {
        Map<String, Integer> d = new LinkedHashMap<>(piecesDone);
        d.merge(rendition, done, Math::max); // never go backwards, whatever order partitions report in
        return new VideoProgress(videoId, stage, piecesTotal, Map.copyOf(d), published, Instant.now());
    }

    VideoProgress withPublished(String rendition) {
        Set<String> p = new TreeSet<>(published);
        p.add(rendition);
        return new VideoProgress(videoId, stage, piecesTotal, piecesDone, Set.copyOf(p), Instant.now());
    }
}
