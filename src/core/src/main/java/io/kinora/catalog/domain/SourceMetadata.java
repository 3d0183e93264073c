package io.kinora.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** What ffprobe said about the uploaded source. */
@Embeddable
public class SourceMetadata {
    @Column(length = 64)
    private String container;
    @Column(name = "video_codec", length = 32)
    private String videoCodec;
    @Column(name = "audio_codec", length = 32)
    private String audioCodec;
    private Integer width;
    private Integer height;
    @Column(name = "frame_rate", length = 32)
    private String frameRate;
    @Column(name = "duration_ms")
    private Long durationMillis;
    @Column(name = "bit_rate")
    private Long bitRate;

    public SourceMetadata() { }

    public SourceMetadata(String container, String videoCodec, String audioCodec, int width, int height,
                          String frameRate, long durationMillis, Long bitRate) {
        this.container = container;
        this.videoCodec = videoCodec;
        this.audioCodec = audioCodec;
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
        this.durationMillis = durationMillis;
        this.bitRate = bitRate;
    }

    public String container() { return container; }
    public String videoCodec() { return videoCodec; }
    public String audioCodec() { return audioCodec; }
    public Integer width() { return width; }
    public Integer height() { return height; }
    public String frameRate() { return frameRate; }
    public Long durationMillis() { return durationMillis; }
    public Long bitRate() { return bitRate; }
}
