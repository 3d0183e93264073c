package io.kinora.media;

/** Output video codecs the encoder produces, with the FFmpeg encoder each one needs. */
public enum VideoCodec {
    H264("libx264"),
    VP9("libvpx-vp9");

    private final String encoder;

    VideoCodec(String encoder) {
        this.encoder = encoder;
    }

    public String encoder() {
        return encoder;
    }
}
