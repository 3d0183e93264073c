package io.kinora.catalog.domain;

import jakarta.persistence.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A video and its life: uploaded source (metadata, hash), the encoding job that works on it,
 * and the renditions it has published. Progress percentages are not here: they are hot state.
 */
@Entity
@Table(name = "video")
public class Video {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(length = 5000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Visibility visibility = Visibility.PRIVATE;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private VideoStatus status = VideoStatus.PROCESSING;

    @Column(name = "failure_code", length = 64)
    private String failureCode;

    @Column(name = "failure_reason", length = 2000)
    private String failureReason;

    @Column(nullable = false, length = 64)
    private String profile;

    /** Shown to people only; never used to build a path or key. */
    @Column(name = "original_filename", length = 255)
    private String originalFilename;

    @Column(name = "source_key", length = 512)
    private String sourceKey;

    @Column(name = "source_size")
    private Long sourceSize;

    @Column(name = "content_sha256", length = 64)
    private String contentSha256;

    @Embedded
    private SourceMetadata source = new SourceMetadata();

    @Column(name = "stored_bytes", nullable = false)
    private long storedBytes;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(name = "trace_id", length = 32)
    private String traceId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = createdAt;

    @Column(name = "ready_at")
    private Instant readyAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "video", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<Rendition> renditions = new ArrayList<>();

    /** {@link SearchWords} of title and description, kept in step by {@link #describe}; only searches read them. */
    @ElementCollection
    @CollectionTable(name = "video_word", joinColumns = @JoinColumn(name = "video_id"))
    @Column(name = "word", length = SearchWords.MAX_LENGTH, nullable = false)
    private Set<String> words = new HashSet<>();

    protected Video() { }

    public Video(long ownerId, String title, Visibility visibility, String profile) {
        this.id = UUID.randomUUID().toString();
        this.ownerId = ownerId;
        this.title = title;
        this.visibility = visibility;
        this.profile = profile;
        indexWords();
    }

    public String id() { return id; }
    public long ownerId() { return ownerId; }
    public String title() { return title; }
    public String description() { return description; }
    public Visibility visibility() { return visibility; }
    public VideoStatus status() { return status; }
    public String failureCode() { return failureCode; }
    public String failureReason() { return failureReason; }
    public String profile() { return profile; }
    public String originalFilename() { return originalFilename; }
    public String sourceKey() { return sourceKey; }
    public Long sourceSize() { return sourceSize; }
    public String contentSha256() { return contentSha256; }
    /** Hibernate leaves an all-null embeddable null; callers always get an object. */
    public SourceMetadata source() { return source == null ? new SourceMetadata() : source; }
    public long storedBytes() { return storedBytes; }
    public Long jobExecutionId() { return jobExecutionId; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant readyAt() { return readyAt; }
    public Instant completedAt() { return completedAt; }

    public List<Rendition> renditions() {
        renditions.sort(Comparator.comparingInt(Rendition::height));
        return renditions;
    }

    public void describe(String title, String description, Visibility visibility) {
        if (title != null) this.title = title;
        if (description != null) this.description = description;
        if (visibility != null) this.visibility = visibility;
        if (title != null || description != null) indexWords();
        touch();
    }

    /** Changes only the words that changed: a new description rewrites a few rows, not all. */
    private void indexWords() {
        Set<String> now = SearchWords.of(title, description);
        words.retainAll(now);
        words.addAll(now);
    }

    /** What an upload answered before its file is checked and stored: name, size and digest, no object yet. */
    public void sourceArriving(String originalFilename, long size, String sha256) {
        this.originalFilename = originalFilename;
        this.sourceSize = size;
        this.contentSha256 = sha256;
        touch();
    }

    public void attachSource(String originalFilename, String sourceKey, long size, String sha256) {
        this.originalFilename = originalFilename;
        this.sourceKey = sourceKey;
        this.sourceSize = size;
        this.contentSha256 = sha256;
        this.storedBytes += size;
        touch();
    }

    public void probed(SourceMetadata metadata) {
        this.source = metadata;
        touch();
    }

    /** The original was removed after encoding (configuration says not to keep it). */
    public void sourceDeleted(long bytes) {
        this.sourceKey = null;
        this.storedBytes = Math.max(0, storedBytes - bytes);
        touch();
    }

    /** {@code traceId}: the trace the job continues, null when it has none (a restart keeps the one it had). */
    public void startedAs(long jobExecutionId, String traceId) {
        this.jobExecutionId = jobExecutionId;
        if (traceId != null) this.traceId = traceId;
        touch();
    }

    /**
     * A new execution for a video that had failed (an operator's restart, e.g. once a full disk has room again): it
     * is processing again, or still playable if a rendition was published before the failure.
     */
    public boolean resumeAfterFailure() {
        if (status != VideoStatus.FAILED) return false;
        boolean playable = renditions.stream().anyMatch(r -> r.status() == Rendition.Status.PUBLISHED);
        status = playable ? VideoStatus.READY : VideoStatus.PROCESSING;
        failureCode = null;
        failureReason = null;
        touch();
        return true;
    }

    /** The OpenTelemetry trace of its encode, or null. */
    public String traceId() { return traceId; }

    public Rendition addRendition(String name, String codec, int width, int height, int bitrateKbps) {
        Rendition r = new Rendition(this, name, codec, width, height, bitrateKbps);
        renditions.add(r);
        return r;
    }

    /** First published rendition makes the video playable; the last one completes it. */
    public void renditionPublished(long bytes) {
        storedBytes += bytes;
        if (status == VideoStatus.PROCESSING) {
            status = VideoStatus.READY;
            readyAt = Instant.now();
        }
        if (renditions.stream().allMatch(r -> r.status() == Rendition.Status.PUBLISHED)) {
            status = VideoStatus.COMPLETED;
            completedAt = Instant.now();
        }
        touch();
    }

    public void fail(String code, String reason) {
        this.status = VideoStatus.FAILED;
        this.failureCode = code;
        this.failureReason = reason;
        touch();
    }

    private void touch() { this.updatedAt = Instant.now(); }
}
