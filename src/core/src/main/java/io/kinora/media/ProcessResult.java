package io.kinora.media;

import java.time.Duration;

/**
 * Outcome of one external process run. Output is bounded: {@code stdout} is the captured head
 * (empty if it went to a file), {@code stderrTail} the last bytes, which is where FFmpeg puts
 * the reason it failed.
 */
public record ProcessResult(int exitCode, String stdout, boolean stdoutTruncated, String stderrTail,
                            boolean timedOut, Duration elapsed) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** Throws with the stderr tail attached unless the process exited 0 in time. */
    public ProcessResult requireSuccess(String what) {
        if (timedOut) {
            throw new FfmpegException(what + " timed out after " + elapsed.toSeconds() + " s");
        }
        if (exitCode != 0) {
            throw new FfmpegException(what + " failed with exit code " + exitCode + ": " + stderrTail.strip());
        }
        return this;
    }
}
