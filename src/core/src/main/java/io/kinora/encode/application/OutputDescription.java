package io.kinora.encode.application;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Locale;

/** What ffprobe says about a file Kinora produced: enough for CODECS, RESOLUTION and FRAME-RATE. */
public record OutputDescription(String videoCodec, String profile, int level, int width, int height,
                                String frameRate, long frames, boolean hasAudio, String audioCodec, double duration) {

    public static OutputDescription parse(String ffprobeJson) {
        JsonObject root;
        try (var r = Json.createReader(new StringReader(ffprobeJson))) {
            root = r.readObject();
        }
        String vCodec = null, profile = null, fps = null, aCodec = null;
        int level = 0, w = 0, h = 0;
        long frames = 0;
        double duration = 0;
        for (var s : root.getJsonArray("streams").getValuesAs(JsonObject.class)) {
            String type = s.getString("codec_type", "");
            if ("video".equals(type) && vCodec == null) {
                vCodec = s.getString("codec_name", "");
                profile = s.getString("profile", "");
                level = s.containsKey("level") ? s.getInt("level") : 0;
                w = s.getInt("width", 0);
                h = s.getInt("height", 0);
                fps = s.getString("avg_frame_rate", "0/1");
                frames = s.containsKey("nb_frames") ? Long.parseLong(s.getString("nb_frames", "0")) : 0;
            } else if ("audio".equals(type) && aCodec == null) {
                aCodec = s.getString("codec_name", "");
            }
        }
        if (root.containsKey("format")) duration = Double.parseDouble(root.getJsonObject("format").getString("duration", "0"));
        return new OutputDescription(vCodec, profile, level, w, h, fps, frames, aCodec != null, aCodec, duration);
    }

    /** RFC 6381 codecs attribute for the master playlist. */
    public String codecs() {
        String video = switch (videoCodec) {
            case "h264" -> String.format(Locale.ROOT, "avc1.%s%02x", avcProfile(profile), Math.max(level, 0));
            case "vp9" -> String.format(Locale.ROOT, "vp09.00.%02d.08", vp9Level(width, height));
            case "av1" -> "av01.0.08M.08";
            default -> videoCodec;
        };
        return hasAudio ? video + ",mp4a.40.2" : video;
    }

    /** FRAME-RATE with three decimals, as HLS wants it. */
    public String frameRateDecimal() {
        return decimal(frameRate);
    }

    /** A rate such as "30000/1001" with three decimals ("29.970"). */
    public static String decimal(String frameRate) {
        String[] f = frameRate.split("/");
        double v = f.length == 2 && Double.parseDouble(f[1]) != 0 ? Double.parseDouble(f[0]) / Double.parseDouble(f[1])
                : Double.parseDouble(f[0]);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String avcProfile(String profile) {
        return switch (profile == null ? "" : profile) {
            case "Constrained Baseline" -> "42e0";
            case "Baseline" -> "4200";
            case "Main" -> "4d40";
            case "High 10" -> "6e00";
            default -> "6400"; // High
        };
    }

    private static int vp9Level(int w, int h) {
        long px = (long) w * h;
        if (px <= 230_400) return 21;
        if (px <= 409_920) return 30;
        if (px <= 921_600) return 31;
        if (px <= 2_228_224) return 40;
        if (px <= 3_686_400) return 50;
        return 51;
    }
}
