package io.kinora.media;

import io.kinora.tracing.NodeName;
import io.kinora.tracing.TraceScope;
import io.kinora.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The one gateway to FFmpeg: the command builders ({@link FfmpegCommands}) for the located installation, and the runner. */
@ApplicationScoped
public class FfmpegRunner {
    @Inject
    FfmpegLocator locator;

    @Inject
    Traces traces;

    private final ProcessRunner runner = new ProcessRunner();

    public FfmpegCommands commands() {
        return new FfmpegCommands(locator.installation());
    }

    /** Runs and fails with FFmpeg's own last words (FfmpegException) when it exits non-zero. */
    public ProcessResult run(String what, List<String> command, Duration timeout) {
        return run(what, command, timeout, null);
    }

    /**
     * As {@link #run}, with stdout written to {@code stdoutFile} (unbounded: a packet list of a long film; null: kept
     * in the result). Inside a trace each run is a span (see {@link FfmpegLabels}).
     */
    public ProcessResult run(String what, List<String> command, Duration timeout, Path stdoutFile) {
        Span span = traces.startHere("ffmpeg", SpanKind.INTERNAL);
        FfmpegStderr stderr = new FfmpegStderr();
        if (!span.getSpanContext().isValid()) {
            return runner.run(FfmpegCommands.untraced(command), locator.installation().environment(), timeout, stdoutFile,
                    stderr).requireSuccess(what);
        }
        FfmpegLabels labels = FfmpegLabels.current();
        try (Scope scope = TraceScope.enter(span)) {
            span.setAttribute("kinora.ffmpeg.what", what);
            span.setAttribute("kinora.node", NodeName.get());
            if (labels != null) {
                span.setAllAttributes(labels.attributes());
                span.setAttribute("kinora.bytes.in", bytes(labels.inputs()));
            }
            ProcessResult result = runner.run(command, locator.installation().environment(), timeout, stdoutFile, stderr);
            span.setAttribute("kinora.ffmpeg.exit-code", result.exitCode());
            if (stderr.userSeconds() != null) { // CPU of all its threads: wall clock alone hides a starved encoder
                span.setAttribute("kinora.ffmpeg.cpu-seconds", stderr.userSeconds() + stderr.systemSeconds());
                span.setAttribute("kinora.ffmpeg.user-seconds", stderr.userSeconds());
                span.setAttribute("kinora.ffmpeg.system-seconds", stderr.systemSeconds());
            }
            span.setAttribute("kinora.ffmpeg.timed-out", result.timedOut());
            if (labels != null) span.setAttribute("kinora.bytes.out", bytes(labels.outputs()));
            if (!result.succeeded()) span.setStatus(StatusCode.ERROR, what + " failed");
            return result.requireSuccess(what);
        } finally {
            span.end();
        }
    }

    private static long bytes(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                if (Files.isRegularFile(f)) total += Files.size(f);
            } catch (IOException e) {
                // gone already: counts as nothing
            }
        }
        return total;
    }

}
