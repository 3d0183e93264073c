package io.kinora.media;

import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one FFmpeg run's stderr line by line ({@link ProcessRunner}). FFmpeg runs at {@code -v level+info -benchmark}
 * ({@link FfmpegCommands}) because its CPU time ("bench: utime=..s stime=..s", user and system seconds of every thread)
 * is only printed at info level: this keeps that, and passes on only what {@code -v error} would have shown (error,
 * fatal, panic; the level tag removed), so failure messages read as before. Untagged lines (a message's continuation,
 * "Last message repeated", a tool without tags) follow the line before them, and pass at the start.
 */
public final class FfmpegStderr implements UnaryOperator<String> {
    private static final Pattern LEVEL = Pattern.compile(
            "^((?:\\[[^\\[\\]]* @ [^\\[\\]]*\\] ){0,2})\\[(trace|debug|verbose|info|warning|error|fatal|panic)\\] ?");
    private static final Set<String> SHOWN = Set.of("error", "fatal", "panic");
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");

    private boolean passing = true;
    private volatile Double userSeconds;
    private volatile Double systemSeconds;

    /** The line to keep (without its level tag), or null to drop it. */
    @Override
    public String apply(String line) {
        Matcher bench = BENCH.matcher(line);
        if (bench.find()) {
            try {
                userSeconds = Double.parseDouble(bench.group(1));
                systemSeconds = Double.parseDouble(bench.group(2));
            } catch (NumberFormatException e) {
                // not FFmpeg's line after all: no CPU time rather than a wrong one
            }
            return null;
        }
        Matcher tagged = LEVEL.matcher(line);
        if (!tagged.find()) return passing ? line : null;
        passing = SHOWN.contains(tagged.group(2));
        return passing ? tagged.group(1) + line.substring(tagged.end()) : null;
    }

    /** User CPU seconds of the run, or null when FFmpeg printed none (no -benchmark, killed, not FFmpeg). */
    public Double userSeconds() {
        return userSeconds;
    }

    public Double systemSeconds() {
        return systemSeconds;
    }
}
