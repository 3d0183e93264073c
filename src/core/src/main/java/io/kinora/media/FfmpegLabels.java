package io.kinora.media;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.nio.file.Path;
import java.util.List;

/**
 * What the FFmpeg runs of a traced piece of work are about (piece, renditions) and which files they read and write,
 * for their spans ({@link FfmpegRunner}): the caller knows these, the runner only sees a command line.
 */
public record FfmpegLabels(Attributes attributes, List<Path> inputs, List<Path> outputs) {
    static final ContextKey<FfmpegLabels> KEY = ContextKey.named("kinora.ffmpeg.labels");

    /** In effect until the scope closes, on this thread. */
    public Scope apply() {
        return Context.current().with(KEY, this).makeCurrent();
    }

    static FfmpegLabels current() {
        return Context.current().get(KEY);
    }
}
