package io.kinora.encode.batch;

import io.kinora.encode.work.PieceWork;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.AudioTrack;
import io.kinora.encode.application.ClusterNodes;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.PieceManifest;
import io.kinora.encode.application.WorkFiles;
import io.kinora.progress.ProgressBoard;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Spreads (rendition group x piece) over the partitions, after the audio track (one item, if the source has audio).
 * The lowest rung is a group of its own and comes first;
 * the other renditions share one FFmpeg per piece (one decode, see {@link #groups}). The items go, in that order,
 * into the execution's {@link EncodeWorkQueue}, from which each partition takes the next, so all of them work on the
 * cheapest rendition first and it is playable early. As many partitions as items should be in flight (see
 * {@link EncodeSettings#partitions(int)}: by default every encoder that answers, plus one).
 */
@Named("encodePlan")
@Dependent
public class EncodePlan implements PartitionMapper {
    @Inject @JobVideoId String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject EncodeSettings settings;
    @Inject ProgressBoard progress;
    @Inject EncodeWorkQueue queue;
    @Inject JobContext job;
    @Inject ClusterNodes nodes;
    @Inject io.kinora.encode.application.PieceManifests manifests;

    @Override
    public PartitionPlan mapPartitions() throws Exception {
        PieceManifest manifest = manifests.of(videoId, job.getExecutionId());
        Video video = lifecycle.require(videoId);
        List<Rendition> renditions = video.renditions(); // sorted by height
        List<PieceWork> items = new ArrayList<>();
        Map<String, Integer> piecesPerRendition = new LinkedHashMap<>();
        renditions.forEach(r -> piecesPerRendition.put(r.name(), manifest.size()));
        // the audio track first: it is needed to publish the first rendition, and encodes beside its pieces
        if (AudioTrack.present(video)) items.add(PieceWork.AUDIO);
        // every rendition, published or not: the readers skip what is already stored
        for (List<String> group : groups(renditions.stream().map(Rendition::name).toList())) {
            for (PieceManifest.Piece p : manifest.pieces()) items.add(new PieceWork(p.index(), group));
        }
        progress.planned(videoId, piecesPerRendition);
        progress.stage(videoId, "encoding");
        queue.open(job.getExecutionId(), items);
        int partitions = Math.max(1, Math.min(settings.partitions(nodes.answeringEncoders()), items.size()));
        Properties[] props = new Properties[partitions]; // nothing per partition: they all take from the queue
        java.util.Arrays.setAll(props, i -> new Properties());
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions);
        plan.setThreads(partitions);
        plan.setPartitionProperties(props);
        // a restart starts every partition afresh on the new execution's queue: nothing of a partition's past matters
        plan.setPartitionsOverride(true);
        return plan;
    }

    /**
     * Renditions (lowest first) in encode groups: the lowest alone (it is playable after a few seconds), then all the
     * others in one FFmpeg per piece, which decodes the piece once for all of them.
     */
    static List<List<String>> groups(List<String> lowestFirst) {
        if (lowestFirst.isEmpty()) return List.of();
        if (lowestFirst.size() == 1) return List.of(List.copyOf(lowestFirst));
        return List.of(List.of(lowestFirst.get(0)), List.copyOf(lowestFirst.subList(1, lowestFirst.size())));
    }
}
