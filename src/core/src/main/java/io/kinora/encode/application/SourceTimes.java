package io.kinora.encode.application;

import io.kinora.media.FfmpegRunner;
import io.kinora.media.MediaProbe;
import io.kinora.media.Rational;
import io.kinora.media.SourceTimeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reads a source's timeline: its video packets, where its sound starts, and its display rotation. */
@ApplicationScoped
public class SourceTimes {
    @Inject FfmpegRunner ffmpeg;

    /** The video timeline, the first audio stream's start in seconds (+inf without sound), the clockwise rotation. */
    public record Read(SourceTimeline timeline, double audioStart, int rotation) { }

    public Read read(Path source, String demuxer, Path packetsFile) throws IOException {
        String json = ffmpeg.run("probe stream times", ffmpeg.commands().streamTimes(source, demuxer), Duration.ofMinutes(2))
                .stdout();
        JsonObject video = null, audio = null;
        try (var reader = Json.createReader(new StringReader(json))) {
            for (JsonObject s : reader.readObject().getJsonArray("streams").getValuesAs(JsonObject.class)) {
                String type = s.getString("codec_type", "");
                if (type.equals("video") && video == null) video = s;
                if (type.equals("audio") && audio == null) audio = s;
            }
        }
        if (video == null) throw new IOException("no video stream");
        ffmpeg.run("probe video packets", ffmpeg.commands().videoPackets(source, demuxer), Duration.ofMinutes(30), packetsFile);
        SourceTimeline timeline = SourceTimeline.parse(Rational.parse(video.getString("time_base", "")),
                Files.readString(packetsFile));
        double audioStart = Double.POSITIVE_INFINITY;
        if (audio != null) {
            try {
                audioStart = Double.parseDouble(audio.getString("start_time", "N/A"));
            } catch (NumberFormatException e) {
                // no start recorded: the picture alone sets the origin
            }
        }
        return new Read(timeline, audioStart, MediaProbe.rotation(video));
    }
}
