package io.kinora.media;

/** Why an upload is not accepted as a video. Codes are stable: clients and stored records use them. */
public enum MediaRejection {
    EMPTY_FILE("empty-file", "The file is empty."),
    NOT_A_VIDEO("not-a-video", "The file is not a recognizable video."),
    UNSUPPORTED_CONTAINER("unsupported-container", "This file format is not supported; upload MP4, MOV, MKV, WebM, AVI, MPEG-TS/PS, FLV, WMV or Ogg."),
    NO_VIDEO_STREAM("no-video-stream", "The file has no video track (audio only?)."),
    STILL_IMAGE("still-image", "The file is a still image, not a video."),
    TRUNCATED_OR_CORRUPT("truncated-or-corrupt", "The file appears truncated or damaged; try uploading it again."),
    DIMENSIONS_OUT_OF_RANGE("dimensions-out-of-range", "The video's frame size is outside the supported range."),
    DURATION_OUT_OF_RANGE("duration-out-of-range", "The video's length is outside the supported range.");

    private final String code;
    private final String message;

    MediaRejection(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** Lower-kebab machine code, e.g. "still-image". */
    public String code() {
        return code;
    }

    /** Human-readable explanation suitable for the uploader. */
    public String message() {
        return message;
    }
}
