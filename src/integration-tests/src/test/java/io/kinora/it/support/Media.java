package io.kinora.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The bundled FFmpeg/ffprobe, run from tests: to generate sources and to inspect what Kinora produced. */
public final class Media {
    private static final Path DIR = Path.of(System.getProperty("jboss.home"), "kinora", "ffmpeg");

    private Media() { }

    public record Result(int exit, String stdout, String stderr) { }

    public static Result run(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(DIR.resolve(tool).toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LD_LIBRARY_PATH", DIR.toString());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(tool + " timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String ok(String tool, String... args) {
        Result r = run(tool, args);
        if (r.exit() != 0) throw new AssertionError(tool + " failed (" + r.exit() + "): " + r.stderr());
        return r.stdout();
    }

    /**
     * A generated test source: moving test pattern (and a tone unless silent), H.264 with a fixed
     * keyframe interval, so nothing about it is accidental.
     */
    public static Path generate(Path out, int width, int height, String rate, double seconds, double keyframeSeconds,
                                boolean audio) {
        List<String> a = new ArrayList<>(List.of("-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=" + rate));
        if (audio) a.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        double fps = rateValue(rate);
        a.addAll(List.of("-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-g", String.valueOf(Math.round(keyframeSeconds * fps)), "-keyint_min", String.valueOf(Math.round(keyframeSeconds * fps)),
                "-sc_threshold", "0"));
        if (audio) a.addAll(List.of("-c:a", "aac", "-shortest"));
        a.add(out.toString());
        ok("ffmpeg", a.toArray(String[]::new));
        return out;
    }

    /**
     * Runs FFmpeg with these arguments into {@code out} (tagged with a random comment, so no two are the same bytes)
     * and returns it.
     */
    public static Path ok2(Path out, String... args) {
        List<String> a = new ArrayList<>(List.of("-v", "error", "-y"));
        a.addAll(Arrays.asList(args));
        a.addAll(List.of("-metadata", "comment=" + java.util.UUID.randomUUID(), out.toString()));
        ok("ffmpeg", a.toArray(String[]::new));
        return out;
    }

    /** A short 25 fps clip with a tone of the given frequency: cheap, and unique per frequency. */
    public static Path generateTone(Path out, int width, int height, double seconds, int hz) {
        ok("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=" + hz + ":sample_rate=48000", "-t", String.valueOf(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", out.toString());
        return out;
    }

    static double rateValue(String rate) {
        String[] f = rate.split("/");
        return f.length == 2 ? Double.parseDouble(f[0]) / Double.parseDouble(f[1]) : Double.parseDouble(rate);
    }

    public static JsonObject probe(String input, String... extra) {
        List<String> a = new ArrayList<>(List.of("-v", "error"));
        a.addAll(Arrays.asList(extra));
        a.addAll(List.of("-of", "json", input));
        try (var r = Json.createReader(new StringReader(ok("ffprobe", a.toArray(String[]::new))))) {
            return r.readObject();
        }
    }

    /** Decoded frame count of the first video stream. */
    public static long frames(Path file) {
        JsonObject o = probe(file.toString(), "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames");
        return Long.parseLong(o.getJsonArray("streams").getJsonObject(0).getString("nb_read_frames"));
    }

    /** Duration of the first stream of a type ("v" or "a"), in seconds; -1 when there is none. */
    public static double streamDuration(Path file, String type) {
        JsonObject o = probe(file.toString(), "-select_streams", type + ":0", "-show_entries", "stream=duration");
        var streams = o.getJsonArray("streams");
        return streams.isEmpty() ? -1 : Double.parseDouble(streams.getJsonObject(0).getString("duration"));
    }

    /** Presentation times of the video keyframes. */
    public static List<String> keyframes(Path file) {
        String csv = ok("ffprobe", "-v", "error", "-select_streams", "v:0", "-skip_frame", "nokey",
                "-show_entries", "frame=pts_time", "-of", "csv=p=0", file.toString());
        return csv.lines().map(l -> l.replace(",", "").trim()).filter(l -> !l.isEmpty()).toList();
    }
}
