package io.kinora.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/** The one gateway to FFmpeg: the command builders ({@link FfmpegCommands}) for the located installation, and the runner. */
@ApplicationScoped
public class FfmpegRunner {
    @Inject
    FfmpegLocator locator;

    private final ProcessRunner runner = new ProcessRunner();

    public FfmpegCommands commands() {
        return new FfmpegCommands(locator.installation());
    }

    /** Runs and fails with FFmpeg's own last words (FfmpegException) when it exits non-zero. */
    public ProcessResult run(String what, List<String> command, Duration timeout) {
        return runner.run(command, locator.installation().environment(), timeout).requireSuccess(what);
    }

    /** As {@link #run}, with stdout written to {@code stdoutFile} (unbounded: a packet list of a long film). */
    public ProcessResult run(String what, List<String> command, Duration timeout, java.nio.file.Path stdoutFile) {
        return runner.run(command, locator.installation().environment(), timeout, stdoutFile).requireSuccess(what);
    }

}
