package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance of the chunked encode against a single-pass FFmpeg, on sources shaped like what people upload (phones,
 * cameras, editors, web video, broadcast captures). For every rendition: the reference's frames, each at the
 * reference's presentation time within 1 ms; audio offset and length kept; no HLS segment without video; FRAME-RATE is
 * the source's nominal rate. The reference is one FFmpeg run over the whole source with Kinora's timing policy: the
 * source's own timestamps (no frames invented or dropped, {@code -fps_mode vfr} in the source's time base).
 */
class FidelityIT extends AgainstTheServer {
    @TempDir
    static Path dir;

    /** Videos by profile: one account per profile, as the same bytes uploaded twice by one owner are deduplicated. */
    static final Map<String, Videos> VIDEOS = new LinkedHashMap<>();
    static final Map<String, Source> CORPUS = new LinkedHashMap<>();
    /** Video id by "profile/source". */
    static final Map<String, String> UPLOADED = new LinkedHashMap<>();

    /** A generated source, the nominal frame rate HLS must announce for it, and whether it has sound. */
    record Source(String name, Path file, String frameRate, boolean audio) { }

    @BeforeAll
    static void generateAndUpload() {
        generateCorpus();
        // every upload at once: the encodes overlap, and the server's work queue takes them in turn
        for (String profile : List.of("h264-default", "vp9-default")) {
            Videos videos = new Videos(Api.local(), Api.local().newUser("fidelity"));
            VIDEOS.put(profile, videos);
            for (Source s : CORPUS.values()) {
                JsonObject created = videos.upload(s.file(), "visibility=UNLISTED&profile=" + profile
                        + "&filename=" + s.file().getFileName());
                UPLOADED.put(profile + "/" + s.name(), created.getString("id"));
            }
        }
    }

    @Test
    void h264RenditionsKeepEverySourcesTimeline() {
        conform("h264-default", "libx264", "-preset", "ultrafast");
    }

    @Test
    void vp9RenditionsKeepEverySourcesTimeline() {
        conform("vp9-default", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8");
    }

    private void conform(String profile, String... referenceEncoder) {
        List<String> failures = new ArrayList<>();
        for (Source s : CORPUS.values()) {
            String id = UPLOADED.get(profile + "/" + s.name());
            try {
                check(s, id, profile, referenceEncoder);
            } catch (AssertionError | RuntimeException e) {
                failures.add(s.name() + " (" + id + "): " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + CORPUS.size() + " sources not kept in " + profile + ":\n  "
                    + String.join("\n  ", failures));
        }
    }

    private void check(Source s, String id, String profile, String... referenceEncoder) {
        Videos videos = VIDEOS.get(profile);
        List<String> seen = videos.awaitStatus(id, Duration.ofMinutes(10), "COMPLETED", "FAILED");
        JsonObject video = videos.get(id);
        assertEquals("COMPLETED", video.getString("status"), "saw " + seen + ": " + video);

        Path reference = dir.resolve(profile + "-" + s.name() + "-ref.mp4");
        if (!Files.exists(reference)) singlePass(s, reference, referenceEncoder);
        List<Double> refFrames = framePts(reference);
        // where the sound starts against the picture, as decoded (a decoder's delay, e.g. WMA's, counts as heard)
        double sourceAudioOffset = s.audio() ? firstFrame(s.file(), "a") - firstFrame(s.file(), "v") : 0;
        // one audio frame: the source's, or the output's AAC frame (1024 samples at 48 kHz) if that is longer
        double audioFrame = s.audio() ? Math.max(firstPacketDuration(s.file(), "a"), 1024 / 48000.0) + 0.001 : 0;
        double refAudioDuration = s.audio() ? Media.streamDuration(reference, "a") : -1;

        String master = Files.exists(dir.resolve(id + "-master.m3u8")) ? read(dir.resolve(id + "-master.m3u8"))
                : read(videos.download(video.getJsonObject("links").getString("hls"), dir.resolve(id + "-master.m3u8")));
        Map<String, Map<String, String>> variants = EncodeIT.parseMaster(master);
        for (JsonObject r : video.getJsonArray("renditions").getValuesAs(JsonObject.class)) {
            String name = r.getString("name");
            Path mp4 = videos.download(r.getJsonObject("links").getString("mp4"), dir.resolve(id + "-" + name + ".mp4"));
            List<Double> frames = framePts(mp4);
            assertEquals(refFrames.size(), frames.size(), name + ": frames vs single pass" + firstDifference(frames, refFrames));
            for (int i = 0; i < frames.size(); i++) {
                if (Math.abs(frames.get(i) - refFrames.get(i)) > 0.001) {
                    fail(name + ": frame " + i + " at " + frames.get(i) + " s, single pass at " + refFrames.get(i) + " s");
                }
            }
            if (s.audio()) {
                double offset = firstFrame(mp4, "a") - firstFrame(mp4, "v");
                assertEquals(sourceAudioOffset, offset, audioFrame, name + ": audio start relative to the picture");
                assertEquals(refAudioDuration, Media.streamDuration(mp4, "a"), audioFrame, name + ": audio duration");
            } else {
                assertEquals(-1, Media.streamDuration(mp4, "a"), name + " has no audio");
            }
            Map<String, String> variant = variants.get(name + "/index.m3u8");
            assertNotNull(variant, name + " in the master: " + master);
            assertEquals(s.frameRate(), variant.get("FRAME-RATE"), name + ": FRAME-RATE");
            assertEquals(s.frameRate(), r.getString("frameRate"), name + ": frameRate in the video's JSON");
            everySegmentHasVideo(videos, video, name);
        }
    }

    /** Each HLS media segment of the rendition, read with its init segment, holds video packets. */
    private void everySegmentHasVideo(Videos videos, JsonObject video, String rendition) {
        String masterUrl = video.getJsonObject("links").getString("hls");
        String base = masterUrl.substring(0, masterUrl.lastIndexOf('/') + 1) + rendition + "/";
        Path local = dir.resolve(video.getString("id") + "-" + rendition + "-hls");
        try {
            Files.createDirectories(local);
            String playlist = read(videos.download(base + "index.m3u8", local.resolve("index.m3u8")));
            Path init = videos.download(base + "init.mp4", local.resolve("init.mp4"));
            int n = 0;
            for (String line : playlist.lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                Path seg = videos.download(base + line.trim(), local.resolve(line.trim()));
                Path joined = local.resolve("joined-" + line.trim() + ".mp4");
                try (OutputStream out = Files.newOutputStream(joined)) {
                    out.write(Files.readAllBytes(init));
                    out.write(Files.readAllBytes(seg));
                }
                String packets = Media.ok("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                        "packet=pts_time", "-of", "csv=p=0", joined.toString());
                assertFalse(packets.isBlank(), rendition + ": HLS segment " + line + " holds no video");
                n++;
            }
            assertTrue(n > 0, rendition + ": no segments in " + playlist);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same ladder's timing in one FFmpeg run over the whole source (the lowest rung's size; sizes do not move frames). */
    private static void singlePass(Source s, Path out, String... encoder) {
        List<String> a = new ArrayList<>(List.of("-v", "error", "-y", "-i", s.file().toString(), "-map", "0:v:0"));
        if (s.audio()) a.addAll(List.of("-map", "0:a:0"));
        a.addAll(List.of("-vf", "scale=-2:144", "-fps_mode", "vfr", "-enc_time_base", "demux", "-pix_fmt", "yuv420p",
                "-c:v"));
        a.addAll(List.of(encoder));
        if (s.audio()) a.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000"));
        a.add(out.toString());
        Media.ok("ffmpeg", a.toArray(String[]::new));
    }

    static List<Double> framePts(Path file) {
        return Media.ok("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time",
                        "-of", "csv=p=0", file.toString()).lines()
                .map(l -> l.replace(",", "").trim()).filter(l -> !l.isEmpty() && !l.equals("N/A"))
                .map(Double::parseDouble).toList();
    }

    /** Presentation time of the first decoded frame of the first stream of a type ("v" or "a"). */
    static double firstFrame(Path file, String type) {
        return Media.ok("ffprobe", "-v", "error", "-select_streams", type + ":0", "-read_intervals", "%+3",
                        "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", file.toString()).lines()
                .map(l -> l.replace(",", "").trim()).filter(l -> !l.isEmpty() && !l.equals("N/A"))
                .mapToDouble(Double::parseDouble).min().orElseThrow();
    }

    static double firstPacketDuration(Path file, String type) {
        return Media.ok("ffprobe", "-v", "error", "-select_streams", type + ":0", "-read_intervals", "%+#2",
                        "-show_entries", "packet=duration_time", "-of", "csv=p=0", file.toString()).lines()
                .map(l -> l.replace(",", "").trim()).filter(l -> !l.isEmpty() && !l.equals("N/A"))
                .mapToDouble(Double::parseDouble).max().orElse(0);
    }

    private static String firstDifference(List<Double> a, List<Double> ref) {
        for (int i = 0; i < Math.min(a.size(), ref.size()); i++) {
            if (Math.abs(a.get(i) - ref.get(i)) > 0.001) {
                return String.format(Locale.ROOT, " (first difference at frame %d: %.3f s vs %.3f s)", i, a.get(i), ref.get(i));
            }
        }
        return "";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the corpus: stock FFmpeg settings like those of devices and tools ----

    private static final String PICTURE = "testsrc2=size=426x240:rate=";
    private static final String TONE = "sine=frequency=440:sample_rate=48000";

    static void generateCorpus() {
        // a phone: 29.97 fps, x264 with B-frames and scene-cut keyframes about every second, AAC
        add("phone", "mp4", "29.970", true, "-f", "lavfi", "-i", PICTURE + "30000/1001", "-f", "lavfi", "-i", TONE,
                "-t", "9", "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-c:a", "aac", "-shortest");
        // an encoder's own choice of keyframes: not on any 2 s grid, irregular
        add("odd-gop", "mp4", "25.000", true, "-f", "lavfi", "-i", PICTURE + "25", "-f", "lavfi", "-i", TONE,
                "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-x264-params", "keyint=37:min-keyint=5",
                "-c:a", "aac", "-shortest");
        // open GOPs: leading B-frames refer to the previous GOP
        add("open-gop", "mp4", "24.000", true, "-f", "lavfi", "-i", PICTURE + "24", "-f", "lavfi", "-i", TONE,
                "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-x264-params", "open-gop=1:keyint=40",
                "-c:a", "aac", "-shortest");
        // a broadcast capture: MPEG-2 with open GOPs in MPEG-TS, timestamps from 1.4 s, MPEG audio
        add("broadcast", "ts", "25.000", true, "-f", "lavfi", "-i", PICTURE + "25", "-f", "lavfi", "-i", TONE,
                "-t", "10", "-c:v", "mpeg2video", "-g", "15", "-bf", "2", "-b:v", "2M", "-c:a", "mp2", "-shortest");
        // an editor's cut without re-encoding: an edit list hides the first 1.3 s
        Path full = Media.generate(dir.resolve("full.mov"), 426, 240, "25", 11.3, 2, true);
        add("edit-list", "mov", "25.000", true, "-ss", "1.3", "-i", full.toString(), "-c", "copy");
        // variable frame rate: 30 fps and 15 fps stretches
        add("vfr", "mp4", "30.000", true, "-f", "lavfi", "-i", PICTURE + "30", "-f", "lavfi", "-i", TONE, "-t", "9",
                "-vf", "select='lt(mod(t\\,4)\\,2)+not(mod(n\\,2))'", "-fps_mode", "vfr", "-c:v", "libx264",
                "-preset", "veryfast", "-g", "45", "-c:a", "aac", "-shortest");
        // sound that starts 0.48 s after the picture
        Path v = Media.ok2(dir.resolve("v-only.mp4"), "-f", "lavfi", "-i", PICTURE + "25", "-t", "9", "-c:v", "libx264",
                "-preset", "veryfast", "-g", "50");
        Path a = Media.ok2(dir.resolve("a-only.m4a"), "-f", "lavfi", "-i", TONE, "-t", "8", "-c:a", "aac");
        add("late-audio", "mp4", "25.000", true, "-i", v.toString(), "-itsoffset", "0.48", "-i", a.toString(),
                "-map", "0:v", "-map", "1:a", "-c", "copy");
        // sound that starts before the picture, in Matroska
        add("early-audio", "mkv", "25.000", true, "-itsoffset", "0.3", "-i", v.toString(), "-i", a.toString(),
                "-map", "0:v", "-map", "1:a", "-c", "copy");
        // web video: VP9 and Opus in WebM (Opus pre-skip: audio starts before 0)
        add("webm", "webm", "24.000", true, "-f", "lavfi", "-i", PICTURE + "24", "-f", "lavfi", "-i", TONE, "-t", "9",
                "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "48", "-c:a", "libopus",
                "-shortest");
        // a phone held upright: rotation in the display matrix
        Path upright = Media.ok2(dir.resolve("upright.mp4"), "-f", "lavfi", "-i", PICTURE + "30", "-f", "lavfi", "-i", TONE,
                "-t", "8", "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-c:a", "aac", "-shortest");
        add("rotated", "mp4", "30.000", true, "-display_rotation", "90", "-i", upright.toString(), "-c", "copy");
        // sound that goes on 2 s after the picture ends
        add("long-audio", "mp4", "25.000", true, "-f", "lavfi", "-i", PICTURE + "25", "-f", "lavfi", "-i", TONE,
                "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-t:v", "7", "-c:a", "aac", "-t:a", "9");
        // a camera's AVI: MPEG-4 Part 2 with B-frames, PCM sound
        add("camera-avi", "avi", "25.000", true, "-f", "lavfi", "-i", PICTURE + "25", "-f", "lavfi", "-i", TONE, "-t", "9",
                "-c:v", "mpeg4", "-q:v", "4", "-bf", "2", "-g", "25", "-c:a", "pcm_s16le", "-shortest");
        // Flash video: millisecond timestamps
        add("flv", "flv", "25.000", true, "-f", "lavfi", "-i", PICTURE + "25", "-f", "lavfi", "-i", TONE, "-t", "9",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "40", "-c:a", "aac", "-shortest");
        // a DVD-style program stream: MPEG-2 with B-frames and MPEG audio in MPEG-PS, timestamps from 0.5 s
        add("program-stream", "mpg", "25.000", true, "-f", "lavfi", "-i", PICTURE + "25", "-f", "lavfi", "-i", TONE,
                "-t", "9", "-c:v", "mpeg2video", "-g", "12", "-bf", "2", "-b:v", "2M", "-c:a", "mp2", "-shortest", "-f", "vob");
        // Windows Media: WMV2 and WMA2 in ASF, the picture starting after the sound
        add("wmv", "wmv", "25.000", true, "-f", "lavfi", "-i", PICTURE + "25", "-f", "lavfi", "-i", TONE, "-t", "9",
                "-c:v", "wmv2", "-g", "25", "-b:v", "1M", "-c:a", "wmav2", "-shortest");
        // Ogg: VP8 and Vorbis
        add("ogg", "ogv", "30.000", true, "-f", "lavfi", "-i", PICTURE + "30", "-f", "lavfi", "-i", TONE, "-t", "9",
                "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-g", "30", "-b:v", "1M",
                "-c:a", "vorbis", "-strict", "-2", "-ac", "2", "-shortest");
        // film rate in Matroska (millisecond timestamps that are not on the frame grid), no sound
        add("film-mkv", "mkv", "23.976", false, "-f", "lavfi", "-i", PICTURE + "24000/1001", "-t", "10",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "36");
    }

    private static void add(String name, String ext, String frameRate, boolean audio, String... args) {
        CORPUS.put(name, new Source(name, Media.ok2(dir.resolve(name + "." + ext), args), frameRate, audio));
    }
}
