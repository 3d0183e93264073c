package io.kinora.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only media generation and inspection with the real FFmpeg. Uses the lavfi test sources, which
 * production code never allows as input; that is why this lives in test sources.
 */
final class TestMedia {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static volatile FfmpegInstallation installation;

    private TestMedia() {
    }

    /** The FFmpeg the build unpacked into target/ffmpeg (system property set by surefire). */
    static FfmpegInstallation ffmpeg() {
        if (installation == null) {
            installation = new FfmpegLocator().installation();
        }
        return installation;
    }

    /**
     * An H.264 test pattern (plus a sine tone as AAC when {@code audio}), keyframes every {@code gopFrames}
     * frames exactly (scene cut off), ultrafast. {@code extraOutputArgs} go before the output file.
     */
    static Path video(Path out, int width, int height, String fps, double seconds, boolean audio, int gopFrames,
                      String... extraOutputArgs) {
        List<String> c = new ArrayList<>(List.of(ffmpeg().ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ":duration=" + seconds));
        if (audio) {
            c.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds));
        }
        c.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-g", Integer.toString(gopFrames), "-keyint_min", Integer.toString(gopFrames), "-sc_threshold", "0"));
        if (audio) {
            c.addAll(List.of("-c:a", "aac", "-b:a", "64k", "-ac", "2"));
        }
        c.addAll(Arrays.asList(extraOutputArgs));
        c.add(out.toString());
        run(c);
        return out;
    }

    /** Audio only, AAC in an .m4a. */
    static Path audioOnly(Path out, double seconds) {
        run(List.of(ffmpeg().ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", "aac", out.toString()));
        return out;
    }

    /** A single PNG frame. */
    static Path png(Path out) {
        run(List.of(ffmpeg().ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", out.toString()));
        return out;
    }

    /** Presentation times of the video keyframes, sorted. */
    static List<Double> keyframeTimes(Path file) {
        return videoPackets(file).stream().filter(p -> p[1] == 1).map(p -> p[0]).sorted().toList();
    }

    /** [pts_time, key?1:0] per video packet. */
    static List<double[]> videoPackets(Path file) {
        String out = run(List.of(ffmpeg().ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", file.toString())).stdout();
        List<double[]> packets = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            packets.add(new double[] {Double.parseDouble(f[0]), f[1].contains("K") ? 1 : 0});
        }
        return packets;
    }

    /** One stream's (or the format's) entries as "key=value" lines, for assertions. */
    static String show(Path file, String selectStreams, String entries) {
        List<String> c = new ArrayList<>(List.of(ffmpeg().ffprobe().toString(), "-v", "error"));
        if (selectStreams != null) {
            c.addAll(List.of("-select_streams", selectStreams));
        }
        c.addAll(List.of("-show_entries", entries, "-of", "default=nw=1", file.toString()));
        return run(c).stdout();
    }

    static ProcessResult run(List<String> command) {
        return new ProcessRunner().run(command, ffmpeg().environment(), TIMEOUT).requireSuccess(command.get(0));
    }
}
