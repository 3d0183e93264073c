package io.kinora.media;

/** A tool invocation failed for reasons that are ours or the machine's, not the uploader's. */
public class FfmpegException extends RuntimeException {
    public FfmpegException(String message) {
        super(message);
    }

    public FfmpegException(String message, Throwable cause) {
        super(message, cause);
    }
}
