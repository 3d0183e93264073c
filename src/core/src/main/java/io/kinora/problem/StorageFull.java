package io.kinora.problem;

import java.io.IOException;
import java.util.List;

/**
 * A disk that is full (ENOSPC, or a quota: EDQUOT) is not a bug but an operator's problem that passes: an upload
 * answers {@code 507 storage-full} and keeps what it acknowledged, an encode fails with {@code storage-full}.
 * The JDK reports both only in words (the C library's text), in a Java exception or FFmpeg's stderr alike.
 */
public final class StorageFull {
    public static final String CODE = "storage-full";
    public static final int RETRY_AFTER_SECONDS = 60;
    private static final List<String> WORDS = List.of("No space left on device", "Disk quota exceeded");

    private StorageFull() { }

    public static boolean mentions(String text) {
        return text != null && WORDS.stream().anyMatch(text::contains);
    }

    /** Whether an I/O error in {@code t}'s causes is a full disk. */
    public static boolean is(Throwable t) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof IOException && mentions(t.getMessage())) return true;
        }
        return false;
    }
}
