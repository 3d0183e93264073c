package io.kinora.encode.application;

import io.kinora.media.FfmpegCommands;
import io.kinora.media.FfmpegLocator;
import io.kinora.media.ProcessResult;
import io.kinora.media.ProcessRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/** Runs what {@link FfmpegCommands} builds, with the located installation's environment. */
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

    /** Runs and returns the result whatever the exit code (for commands whose stderr is the answer). */
    public ProcessResult runLenient(List<String> command, Duration timeout) {
        return runner.run(command, locator.installation().environment(), timeout);
    }
}
