package io.kinora.media;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inspects an upload with ffprobe (restricted as in {@link FfmpegCommands}) and either returns what it is
 * or rejects it with a {@link MediaRejection}. Optionally decodes the last seconds to catch files whose
 * header is intact but whose data was cut off (a fast-start MP4 uploaded partially).
 */
public class MediaProbe {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DECODE_TIMEOUT = Duration.ofSeconds(120);
    private static final int TAIL_SECONDS = 3;
    private static final Pattern NOT_WHITELISTED = Pattern.compile("\\[(\\S+) @ [^]]*] Format not on whitelist");
    /** Errors ffprobe prints while reading packets of a damaged file even though it exits 0. */
    private static final Pattern DAMAGE = Pattern.compile(
            "partial file|moov atom not found|Invalid data found|truncat|corrupt|EBML header parsing failed",
            Pattern.CASE_INSENSITIVE);

    private final FfmpegInstallation ffmpeg;
    private final FfmpegCommands commands;
    private final ProcessRunner runner;
    private final MediaLimits limits;
    private final Tail tail;

    /** Whether the probe decodes the file's last seconds (a truncated upload fails there) or trusts what ingest checked. */
    public enum Tail { DECODE, TRUST }

    public MediaProbe(FfmpegInstallation ffmpeg, MediaLimits limits) {
        this(ffmpeg, new ProcessRunner(), limits, Tail.DECODE);
    }

    public MediaProbe(FfmpegInstallation ffmpeg, ProcessRunner runner, MediaLimits limits, Tail tail) {
        this.ffmpeg = ffmpeg;
        this.commands = new FfmpegCommands(ffmpeg);
        this.runner = runner;
        this.limits = limits;
        this.tail = tail;
    }

    /** Probes and validates; throws {@link MediaRejectedException} for anything that is not an acceptable video. */
    public ProbeResult probe(Path file) throws MediaRejectedException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size == 0) {
            throw new MediaRejectedException(MediaRejection.EMPTY_FILE, null);
        }
        ProcessResult run = runner.run(commands.probe(file), ffmpeg.environment(), PROBE_TIMEOUT);
        if (run.timedOut()) {
            throw new MediaRejectedException(MediaRejection.TRUNCATED_OR_CORRUPT, "probe timed out");
        }
        if (run.exitCode() != 0) {
            throw new MediaRejectedException(classifyFailure(file, run.stderrTail()), lastLine(run.stderrTail()));
        }
        if (DAMAGE.matcher(run.stderrTail()).find()) {
            throw new MediaRejectedException(MediaRejection.TRUNCATED_OR_CORRUPT, lastLine(run.stderrTail()));
        }
        if (run.stdoutTruncated()) {
            throw new MediaRejectedException(MediaRejection.NOT_A_VIDEO, "probe output too large");
        }
        ProbeResult result = parse(run.stdout(), size);
        validate(result);
        if (tail == Tail.DECODE) {
            ProcessResult decoded = runner.run(commands.decodeTail(file, result.demuxer(), TAIL_SECONDS),
                    ffmpeg.environment(), DECODE_TIMEOUT);
            if (!decoded.succeeded()) {
                throw new MediaRejectedException(MediaRejection.TRUNCATED_OR_CORRUPT,
                        decoded.timedOut() ? "decoding timed out" : lastLine(decoded.stderrTail()));
            }
        }
        return result;
    }

    /** ffprobe refused the file: decide whether it is the wrong kind of file or a damaged video. */
    private static MediaRejection classifyFailure(Path file, String stderr) {
        Matcher m = NOT_WHITELISTED.matcher(stderr);
        if (m.find()) {
            String demuxer = m.group(1);
            boolean image = demuxer.endsWith("_pipe") || demuxer.startsWith("image2")
                    || List.of("gif", "apng", "webp", "jpegxl_anim").contains(demuxer);
            return image ? MediaRejection.STILL_IMAGE : MediaRejection.UNSUPPORTED_CONTAINER;
        }
        // an allowed demuxer failed: if the bytes start like a video container, it is a damaged one
        return ContainerMagic.looksLikeVideoContainer(file) ? MediaRejection.TRUNCATED_OR_CORRUPT : MediaRejection.NOT_A_VIDEO;
    }

    private void validate(ProbeResult r) throws MediaRejectedException {
        ProbeResult.VideoStream v = r.video();
        if (v.width() <= 0 || v.height() <= 0) {
            throw new MediaRejectedException(MediaRejection.TRUNCATED_OR_CORRUPT, "video stream without frame size");
        }
        if (!limits.dimensionsAllowed(v.displayWidth(), v.displayHeight())) {
            throw new MediaRejectedException(MediaRejection.DIMENSIONS_OUT_OF_RANGE,
                    v.displayWidth() + "x" + v.displayHeight());
        }
        if (!limits.durationAllowed(r.durationSeconds())) {
            throw new MediaRejectedException(MediaRejection.DURATION_OUT_OF_RANGE,
                    Double.isNaN(r.durationSeconds()) ? "unknown duration" : r.durationSeconds() + " s");
        }
    }

    private ProbeResult parse(String json, long size) throws MediaRejectedException {
        JsonObject root;
        try {
            root = Json.createReader(new StringReader(json)).readObject();
        } catch (JsonParsingException e) {
            throw new MediaRejectedException(MediaRejection.NOT_A_VIDEO, "unreadable probe output");
        }
        JsonObject format = root.getJsonObject("format");
        if (format == null) {
            throw new MediaRejectedException(MediaRejection.NOT_A_VIDEO, "no container format");
        }
        String formatName = format.getString("format_name", "");
        String demuxer = Arrays.stream(formatName.split(","))
                .filter(FfmpegCommands.VIDEO_DEMUXERS::contains).findFirst()
                .orElseThrow(() -> new MediaRejectedException(MediaRejection.UNSUPPORTED_CONTAINER, formatName));

        JsonObject videoJson = null;
        JsonObject audioJson = null;
        for (JsonObject s : objects(root.getJsonArray("streams"))) {
            String type = s.getString("codec_type", "");
            boolean coverArt = s.containsKey("disposition")
                    && s.getJsonObject("disposition").getInt("attached_pic", 0) == 1;
            if (type.equals("video") && !coverArt && videoJson == null) {
                videoJson = s;
            } else if (type.equals("audio") && audioJson == null) {
                audioJson = s;
            }
        }
        if (videoJson == null) {
            throw new MediaRejectedException(MediaRejection.NO_VIDEO_STREAM,
                    audioJson != null ? "audio only" : "no streams");
        }
        int videoIndex = videoJson.getInt("index");
        List<Double> keyTimes = new ArrayList<>();
        List<Double> shownTimes = new ArrayList<>();
        int videoPackets = 0;
        for (JsonObject p : objects(root.getJsonArray("packets"))) {
            if (p.getInt("stream_index", -1) != videoIndex) {
                continue;
            }
            videoPackets++;
            double pts = number(p, "pts_time");
            if (!p.getString("flags", "").contains("D")) shownTimes.add(pts);
            if (p.getString("flags", "").contains("K") && !Double.isNaN(pts)) {
                keyTimes.add(pts);
            }
        }
        Long frameCount = longOrNull(videoJson, "nb_frames");
        if ((frameCount != null && frameCount <= 1) || videoPackets == 1) {
            throw new MediaRejectedException(MediaRejection.STILL_IMAGE, "single frame");
        }

        double duration = number(format, "duration");
        if (Double.isNaN(duration)) {
            duration = number(videoJson, "duration");
        }
        Rational frameRate = FrameRates.nominal(shownTimes, Rational.parse(videoJson.getString("r_frame_rate", null)),
                Rational.parse(videoJson.getString("avg_frame_rate", null)));
        Rational sar = Rational.parse(videoJson.getString("sample_aspect_ratio", null));
        if (sar != null && sar.numerator() == sar.denominator()) {
            sar = null;
        }
        ProbeResult.VideoStream video = new ProbeResult.VideoStream(videoIndex,
                videoJson.getString("codec_name", "unknown"),
                videoJson.getInt("width", 0), videoJson.getInt("height", 0),
                frameRate, sar, videoJson.getString("pix_fmt", null), frameCount,
                rotation(videoJson), medianInterval(keyTimes));
        ProbeResult.AudioStream audio = audioJson == null ? null : new ProbeResult.AudioStream(
                audioJson.getInt("index"), audioJson.getString("codec_name", "unknown"),
                (int) orZero(longOrNull(audioJson, "sample_rate")), audioJson.getInt("channels", 0));
        Long bitRate = longOrNull(format, "bit_rate");
        return new ProbeResult(formatName, demuxer, duration, size, bitRate, video, audio);
    }

    /** Clockwise degrees from the display matrix (ffprobe reports counter-clockwise) or the legacy rotate tag. */
    public static int rotation(JsonObject stream) {
        double ccw = 0;
        for (JsonObject sd : objects(stream.getJsonArray("side_data_list"))) {
            if (sd.containsKey("rotation")) {
                ccw = number(sd, "rotation");
            }
        }
        if (ccw == 0 && stream.containsKey("tags")) {
            double tag = number(stream.getJsonObject("tags"), "rotate");
            ccw = Double.isNaN(tag) ? 0 : -tag; // the tag is clockwise
        }
        long quarter = Math.round(-ccw / 90.0);
        return (int) (((quarter % 4) + 4) % 4) * 90;
    }

    private static Double medianInterval(List<Double> keyTimes) {
        if (keyTimes.size() < 2) {
            return null;
        }
        List<Double> sorted = keyTimes.stream().sorted().toList();
        double[] gaps = new double[sorted.size() - 1];
        for (int i = 1; i < sorted.size(); i++) {
            gaps[i - 1] = sorted.get(i) - sorted.get(i - 1);
        }
        Arrays.sort(gaps);
        return Math.round(gaps[gaps.length / 2] * 1000) / 1000.0;
    }

    private static List<JsonObject> objects(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        return array.stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject).toList();
    }

    /** ffprobe prints most numbers as JSON strings; NaN when absent or "N/A". */
    private static double number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return switch (v.getValueType()) {
                case NUMBER -> o.getJsonNumber(key).doubleValue();
                case STRING -> Double.parseDouble(o.getString(key));
                default -> Double.NaN;
            };
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Long longOrNull(JsonObject o, String key) {
        double d = number(o, key);
        return Double.isNaN(d) ? null : (long) d;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    /** Leading-byte signatures of the containers we accept, to tell "damaged video" from "not a video". */
    static final class ContainerMagic {
        private ContainerMagic() {
        }

        static boolean looksLikeVideoContainer(Path file) {
            byte[] head = new byte[189];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            } catch (IOException e) {
                return false;
            }
            if (n < 8) {
                return false;
            }
            String box = new String(head, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            return List.of("ftyp", "moov", "mdat", "free", "wide", "skip", "pnot").contains(box)  // ISO BMFF / QuickTime
                    || startsWith(head, 0x1A, 0x45, 0xDF, 0xA3)                                       // EBML: Matroska/WebM
                    || (startsWith(head, 'R', 'I', 'F', 'F') && head[8] == 'A' && head[9] == 'V')    // RIFF AVI
                    || startsWith(head, 'F', 'L', 'V')
                    || startsWith(head, 'O', 'g', 'g', 'S')
                    || startsWith(head, 0x00, 0x00, 0x01, 0xBA)                                       // MPEG-PS pack
                    || startsWith(head, 0x30, 0x26, 0xB2, 0x75)                                       // ASF GUID
                    || (n == head.length && head[0] == 0x47 && head[188] == 0x47);                    // two MPEG-TS sync bytes
        }

        private static boolean startsWith(byte[] head, int... bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if ((head[i] & 0xFF) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
