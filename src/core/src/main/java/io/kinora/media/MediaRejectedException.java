package io.kinora.media;

/** The input is not an acceptable video; {@link #reason()} says why in machine-readable form. */
public class MediaRejectedException extends Exception {

    private final MediaRejection reason;

    public MediaRejectedException(MediaRejection reason, String detail) {
        super(reason.code() + ": " + reason.message() + (detail == null || detail.isBlank() ? "" : " (" + withoutPaths(detail) + ")"));
        this.reason = reason;
    }

    /** FFmpeg names the file it read by its absolute path: the client sees "input" instead (issue 19). */
    static String withoutPaths(String detail) {
        return ABSOLUTE_PATH.matcher(detail).replaceAll("$1input");
    }

    private static final java.util.regex.Pattern ABSOLUTE_PATH =
            java.util.regex.Pattern.compile("(^|[\\s'\"(\\[=:,])(?:file:)?/[^\\s'\"]*[^\\s'\",.:;)\\]]");

    public MediaRejection reason() {
        return reason;
    }
}
