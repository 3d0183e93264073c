package io.kinora.encode.batch;

import io.kinora.encode.work.StoredPiece;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.AudioTrack;
import io.kinora.encode.application.RenditionPackager;
import io.kinora.encode.application.ParallelTasks;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.progress.ProgressBoard;
import io.kinora.storage.ObjectStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.batch.api.partition.AbstractPartitionAnalyzer;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * On the encode step's main thread, while partitions keep encoding: counts stored pieces per rendition
 * and packages + publishes a rendition the moment its last piece (and the audio track) is stored, not when the
 * whole step ends.
 * Counts start from what the store already holds, so a restarted job publishes correctly too.
 */
@Named("renditionPublisher")
@Dependent
public class RenditionPublisher extends AbstractPartitionAnalyzer {
    @Inject @JobVideoId String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject RenditionPackager packager;
    @Inject io.kinora.encode.application.PieceManifests manifests;
    @Inject jakarta.batch.runtime.context.JobContext job;
    @Inject WorkFiles files;
    @Inject ObjectStore store;
    @Inject ProgressBoard progress;
    @Resource ManagedExecutorService executor;

    private int pieces = -1;
    private List<String> ladder;
    private boolean audioReady;
    private final Map<String, Set<Integer>> stored = new HashMap<>();
    private final Set<String> published = new HashSet<>();

    @Override
    @SuppressWarnings("unchecked")
    public void analyzeCollectorData(Serializable data) throws Exception {
        if (data == null) return;
        init();
        Set<String> touched = new HashSet<>(); // renditions whose progress moved
        boolean audioArrived = false;
        for (StoredPiece w : (List<StoredPiece>) data) {
            if (w.isAudio()) {
                audioArrived = true;
                continue;
            }
            stored.computeIfAbsent(w.rendition(), this::storedPieces).add(w.piece());
            touched.add(w.rendition());
        }
        for (String rendition : touched) progress.pieceDone(videoId, rendition, stored.get(rendition).size());
        audioReady |= audioArrived;
        if (!audioReady || ladder.isEmpty()) return; // renditions are published with their sound
        // READY comes with the cheapest rung, so the first master playlist always has a variant a slow link can play:
        // a larger rung that finishes first (its item ran beside the lowest one's) waits for it, a fraction of a second
        if (!published.contains(ladder.get(0)) && !complete(ladder.get(0))) return;
        List<String> ready = new ArrayList<>();
        for (String rendition : ladder) {
            if (!published.contains(rendition) && complete(rendition)) ready.add(rendition);
        }
        published.addAll(ready);
        publish(ready);
    }

    private boolean complete(String rendition) {
        return stored.computeIfAbsent(rendition, this::storedPieces).size() >= pieces;
    }

    /**
     * Renditions encoded together complete together: the lowest is published first (when the audio arrives last, all
     * complete at once), the others side by side (each is a few FFmpeg stream copies and store writes, mostly one core
     * each); this returns when all are published or throws the first failure, like a synchronous publish would.
     */
    private void publish(List<String> lowestFirst) throws Exception {
        if (lowestFirst.isEmpty()) return;
        // the lowest alone first: it is what a viewer can play soonest, and READY must not wait for a larger one
        packager.publishIfComplete(videoId, job.getExecutionId(), lowestFirst.get(0));
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (String r : lowestFirst.subList(1, lowestFirst.size())) {
            tasks.add(() -> packager.publishIfComplete(videoId, job.getExecutionId(), r));
        }
        if (!tasks.isEmpty()) ParallelTasks.all(executor, tasks);
    }


    private void init() throws Exception {
        if (pieces >= 0) return;
        pieces = manifests.of(videoId, job.getExecutionId()).size();
        Video video = lifecycle.require(videoId);
        ladder = video.renditions().stream().map(Rendition::name).toList();
        video.renditions().stream().filter(r -> r.status() == Rendition.Status.PUBLISHED).forEach(r -> published.add(r.name()));
        audioReady = !AudioTrack.present(video) || store.exists(new VideoKeys(videoId).audio());
    }

    private Set<Integer> storedPieces(String rendition) {
        Set<Integer> have = new HashSet<>();
        try {
            String prefix = new VideoKeys(videoId).encodedPrefix(rendition);
            for (var info : store.list(prefix)) {
                int index = VideoKeys.pieceIndex(info.key().substring(prefix.length()));
                if (index >= 0) have.add(index);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list stored pieces of " + rendition, e);
        }
        return have;
    }
}
