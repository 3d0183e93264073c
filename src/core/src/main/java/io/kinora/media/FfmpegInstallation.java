package io.kinora.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A usable FFmpeg: where the two executables are and the environment they need
 * (the bundled build finds its own .so files only through LD_LIBRARY_PATH).
 * Capability queries run the binary once and are cached.
 */
public final class FfmpegInstallation {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern VERSION = Pattern.compile("^ffmpeg version (\\S+)", Pattern.MULTILINE);
    // " V....D libx264   description": flags column, then the name
    private static final Pattern LISTING = Pattern.compile("^ ([A-Z.|]{2,6}) +(\\S+) ", Pattern.MULTILINE);

    private final Path ffmpeg;
    private final Path ffprobe;
    private final Map<String, String> environment;
    private final String origin;
    private final ProcessRunner runner = new ProcessRunner();
    private volatile String version;
    private volatile Set<String> encoders;
    private volatile Set<String> filters;

    public FfmpegInstallation(Path ffmpeg, Path ffprobe, Map<String, String> environment, String origin) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.environment = Map.copyOf(environment);
        this.origin = origin;
    }

    public Path ffmpeg() {
        return ffmpeg;
    }

    public Path ffprobe() {
        return ffprobe;
    }

    /** Extra environment variables to set when running either tool. */
    public Map<String, String> environment() {
        return environment;
    }

    /** How it was found: "configured", "bundled" or "path"; for logs and health output. */
    public String origin() {
        return origin;
    }

    /** The version token of {@code ffmpeg -version}, e.g. "8.0.1". */
    public String version() {
        String v = version;
        if (v == null) {
            String out = query("-version");
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new FfmpegException(ffmpeg + " -version printed no version line");
            }
            version = v = m.group(1);
        }
        return v;
    }

    /** Encoder names, e.g. "libx264", "libvpx-vp9", "aac". */
    public Set<String> encoders() {
        Set<String> e = encoders;
        if (e == null) {
            encoders = e = names(query("-hide_banner", "-encoders"));
        }
        return e;
    }


    public boolean hasFilter(String name) {
        Set<String> f = filters;
        if (f == null) {
            filters = f = names(query("-hide_banner", "-filters"));
        }
        return f.contains(name);
    }

    private String query(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(ffmpeg.toString());
        command.addAll(List.of(args));
        return runner.run(command, environment, QUERY_TIMEOUT).requireSuccess("ffmpeg " + String.join(" ", args)).stdout();
    }

    private static Set<String> names(String listing) {
        Matcher m = LISTING.matcher(listing);
        return m.results().map(r -> r.group(2)).filter(n -> !n.equals("=")).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return "FFmpeg(" + origin + ": " + ffmpeg + ", " + ffprobe + ")";
    }
}
