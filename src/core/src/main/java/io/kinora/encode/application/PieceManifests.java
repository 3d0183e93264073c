package io.kinora.encode.application;

import io.kinora.catalog.domain.VideoKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A video's piece manifest, read from the store once per execution on each node and shared by everything of that
 * execution (the plan, the work items, publishing, the quality report). Keyed by execution: a later job of the same
 * video may segment it anew.
 */
@ApplicationScoped
public class PieceManifests {
    private static final int KEPT = 32; // executions running side by side on one node, with room to spare

    @Inject WorkFiles files;

    private final Map<String, PieceManifest> byExecution = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PieceManifest> eldest) {
            return size() > KEPT;
        }
    };

    public PieceManifest of(String videoId, long execution) throws IOException {
        String key = videoId + "#" + execution;
        synchronized (byExecution) {
            PieceManifest known = byExecution.get(key);
            if (known != null) return known;
        }
        PieceManifest manifest = PieceManifest.parse(files.readText(new VideoKeys(videoId).piecesManifest()));
        synchronized (byExecution) {
            byExecution.put(key, manifest);
        }
        return manifest;
    }
}
