package io.kinora.encode.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The encoder's knobs, from MicroProfile Config (system properties, KINORA_* environment variables). */
@ApplicationScoped
public class EncodeSettings {
    /** Target piece length; pieces are cut at the source's keyframes, so real pieces are at least this long. */
    @Inject @ConfigProperty(name = "kinora.encode.piece-seconds", defaultValue = "4")
    double pieceSeconds;

    /** The keyframe grid every rendition shares. */
    @Inject @ConfigProperty(name = "kinora.encode.gop-seconds", defaultValue = "2")
    double gopSeconds;

    /** HLS segment length: a multiple of the grid so segments of all renditions start together. */
    @Inject @ConfigProperty(name = "kinora.encode.hls-segment-seconds", defaultValue = "4")
    double hlsSegmentSeconds;

    @Inject @ConfigProperty(name = "kinora.encode.preset", defaultValue = "veryfast")
    String preset;

    /**
     * Items of one job in flight (the encode step's partitions); 0 = every encoder of the cluster that answers plus
     * one, so an encoder that finishes finds the next item waiting instead of waiting for the coordinator.
     */
    @Inject @ConfigProperty(name = "kinora.encode.partitions", defaultValue = "0")
    int partitions;

    /** How long the encode step waits for a work item before it sends it again (its node may be gone). */
    @Inject @ConfigProperty(name = "kinora.encode.item-deadline", defaultValue = "PT1H")
    java.time.Duration itemDeadline;

    @Inject @ConfigProperty(name = "kinora.encode.profile", defaultValue = "h264-default")
    String defaultProfile;

    @Inject @ConfigProperty(name = "kinora.data.dir", defaultValue = "./kinora-data")
    String dataDir;

    public double pieceSeconds() { return pieceSeconds; }
    public double gopSeconds() { return gopSeconds; }
    public double hlsSegmentSeconds() { return hlsSegmentSeconds; }
    public String preset() { return preset; }
    public java.time.Duration itemDeadline() { return itemDeadline; }
    /**
     * Whether the upload is kept once every rendition is published (for downloads and re-encodes), or deleted to
     * save storage (seed 001). Read at each job's end, so an operator can switch it without a restart.
     */
    public boolean keepOriginal() {
        return ConfigProvider.getConfig(EncodeSettings.class.getClassLoader())
                .getOptionalValue("kinora.encode.keep-original", Boolean.class).orElse(true);
    }
    public String defaultProfile() { return defaultProfile; }

    /**
     * This node's encoders: work items it encodes side by side (the PieceWorker's sessions). A system property, not
     * MP Config like the knobs above: the server resolves the PieceWorker's maxSession and the batch thread pool
     * ({@code kinora.cli}) from the same system properties, and a value read from anywhere else could disagree with them.
     */
    public static int slots() {
        return Integer.getInteger("kinora.encode.slots", 2);
    }

    /** The batch thread pool's size (the job's own thread and its partitions come from it); a system property, as above. */
    public static int batchThreads() {
        return Integer.getInteger("kinora.batch.threads", 8);
    }

    /** The partitions of a job started on this node when this node's encoders are all there are. */
    public int partitions() {
        return partitions(slots());
    }

    /** The partitions of a job when {@code encoders} encoders answer in the cluster, within the batch threads. */
    public int partitions(int encoders) {
        if (partitions > 0) return partitions;
        return Math.max(1, Math.min(Math.max(encoders, slots()) + 1, batchThreads() - 1));
    }

    /** Local scratch space for one video's job; derived data only, safe to lose. */
    public Path workDir(String videoId) {
        return Path.of(dataDir).toAbsolutePath().resolve("work").resolve(videoId);
    }
}
