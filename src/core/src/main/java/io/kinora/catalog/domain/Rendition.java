package io.kinora.catalog.domain;

import jakarta.persistence.*;
import java.time.Instant;

/** One rung of a video's ladder: what was planned, what was published, and how good it came out. */
@Entity
@Table(name = "rendition")
public class Rendition {
    public enum Status { PENDING, ENCODING, PUBLISHED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "video_id")
    private Video video;

    @Column(nullable = false, length = 32)
    private String name;

    @Column(nullable = false, length = 16)
    private String codec;

    /** RFC 6381 codecs string for the master playlist, e.g. avc1.64001f,mp4a.40.2. */
    @Column(length = 100)
    private String codecs;

    private int width;
    private int height;

    @Column(name = "bitrate_kbps")
    private int bitrateKbps;

    @Column(name = "frame_rate", length = 32)
    private String frameRate;

    @Column(name = "peak_bandwidth")
    private Long peakBandwidth;

    @Column(name = "avg_bandwidth")
    private Long averageBandwidth;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status = Status.PENDING;

    @Column(name = "pieces_total")
    private int piecesTotal;

    @Column(name = "pieces_done")
    private int piecesDone;

    @Column(name = "playlist_key", length = 512)
    private String playlistKey;

    @Column(name = "mp4_key", length = 512)
    private String mp4Key;

    @Column(name = "mp4_size")
    private Long mp4Size;

    private Double psnr;
    private Double ssim;

    @Column(name = "published_at")
    private Instant publishedAt;

    protected Rendition() { }

    public Rendition(Video video, String name, String codec, int width, int height, int bitrateKbps) {
        this.video = video;
        this.name = name;
        this.codec = codec;
        this.width = width;
        this.height = height;
        this.bitrateKbps = bitrateKbps;
    }

    public Long id() { return id; }
    public Video video() { return video; }
    public String name() { return name; }
    public String codec() { return codec; }
    public String codecs() { return codecs; }
    public int width() { return width; }
    public int height() { return height; }
    public int bitrateKbps() { return bitrateKbps; }
    public String frameRate() { return frameRate; }
    public Long peakBandwidth() { return peakBandwidth; }
    public Long averageBandwidth() { return averageBandwidth; }
    public Status status() { return status; }
    public int piecesTotal() { return piecesTotal; }
    public int piecesDone() { return piecesDone; }
    public String playlistKey() { return playlistKey; }
    public String mp4Key() { return mp4Key; }
    public Long mp4Size() { return mp4Size; }
    public Double psnr() { return psnr; }
    public Double ssim() { return ssim; }
    public Instant publishedAt() { return publishedAt; }

    public void plan(int piecesTotal) {
        this.piecesTotal = piecesTotal;
        this.status = Status.ENCODING;
    }

    public void pieceDone(int piecesDone) { this.piecesDone = piecesDone; }

    public void publish(String codecs, String frameRate, long peakBandwidth, long averageBandwidth,
                        String playlistKey, String mp4Key, long mp4Size) {
        this.codecs = codecs;
        this.frameRate = frameRate;
        this.peakBandwidth = peakBandwidth;
        this.averageBandwidth = averageBandwidth;
        this.playlistKey = playlistKey;
        this.mp4Key = mp4Key;
        this.mp4Size = mp4Size;
        this.status = Status.PUBLISHED;
        this.publishedAt = Instant.now();
    }

    public void recordQuality(double psnr, double ssim) {
        this.psnr = psnr;
        this.ssim = ssim;
    }

    public void fail() { this.status = Status.FAILED; }
}
