package io.kinora.media;

/** The input is not an acceptable video; {@link #reason()} says why in machine-readable form. */
public class MediaRejectedException extends Exception {

    private final MediaRejection reason;

    public MediaRejectedException(MediaRejection reason, String detail) {
        super(reason.code() + ": " + reason.message() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
        this.reason = reason;
    }

    public MediaRejection reason() {
        return reason;
    }
}
