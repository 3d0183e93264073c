package io.kinora.media;

import java.util.Comparator;
import java.util.List;

/**
 * A named encoding profile: codec plus rungs. Which rungs apply to a given source is decided by
 * {@link LadderPlanner}. Peak limits are derived from the target: maxrate 1.5x, VBV buffer 2x.
 */
public record Ladder(String name, VideoCodec codec, List<Rung> rungs) {

    public static final double MAXRATE_FACTOR = 1.5;
    public static final double BUFSIZE_FACTOR = 2.0;

    /** The seed H.264 ladder. */
    public static final Ladder H264_DEFAULT = new Ladder("h264-default", VideoCodec.H264, List.of(
            new Rung(2160, 16000), new Rung(1440, 8000), new Rung(1080, 4000), new Rung(720, 2000),
            new Rung(480, 800), new Rung(360, 400), new Rung(240, 200), new Rung(144, 100)));

    /** VP9 in WebM: same sizes, about 0.7x the H.264 bitrates for similar quality. */
    public static final Ladder VP9_DEFAULT = H264_DEFAULT.derive("vp9-default", VideoCodec.VP9, 0.7);

    public Ladder {
        rungs = rungs.stream().sorted(Comparator.comparingInt(Rung::shortSide)).toList();
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one rung");
        }
    }

    /** Same sizes, another codec, bitrates scaled (rounded to whole kb/s). */
    public Ladder derive(String newName, VideoCodec newCodec, double bitrateFactor) {
        return new Ladder(newName, newCodec, rungs.stream()
                .map(r -> new Rung(r.shortSide(), (int) Math.round(r.bitrateKbps() * bitrateFactor)))
                .toList());
    }

    public RenditionSpec spec(String renditionName, int width, int height, int bitrateKbps) {
        return new RenditionSpec(renditionName, codec, width, height, bitrateKbps,
                (int) Math.round(bitrateKbps * MAXRATE_FACTOR), (int) Math.round(bitrateKbps * BUFSIZE_FACTOR));
    }
}
