package io.kinora.media;

import java.util.List;

/**
 * The nominal frame rate of a source from its frame timestamps: what HLS's FRAME-RATE and the video's frameRate
 * announce. For variable frame rate it is the highest rate the source keeps up for a while (the shortest interval
 * among the commonest tenth), never frames / duration, which gaps, edit lists and late starts distort.
 */
public final class FrameRates {
    private static final List<Rational> COMMON = List.of(new Rational(24000, 1001), new Rational(24, 1),
            new Rational(25, 1), new Rational(30000, 1001), new Rational(30, 1), new Rational(48, 1), new Rational(50, 1),
            new Rational(60000, 1001), new Rational(60, 1), new Rational(15, 1), new Rational(12, 1), new Rational(10, 1),
            new Rational(100, 1), new Rational(120, 1), new Rational(240, 1));
    private static final double TOLERANCE = 0.03;

    private FrameRates() { }

    /**
     * @param pts    presentation times (seconds) of a run of frames, any order
     * @param stream the container's r_frame_rate, preferred when it agrees (null if unknown)
     * @param avg    the container's average rate, the answer when the timestamps say nothing (null if unknown)
     */
    public static Rational nominal(List<Double> pts, Rational stream, Rational avg) {
        double[] t = pts.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).sorted().distinct().toArray();
        if (t.length < 3) return stream != null ? stream : avg;
        double[] gaps = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) gaps[i - 1] = t[i] - t[i - 1];
        java.util.Arrays.sort(gaps);
        Rational fast = snap(1 / gaps[gaps.length / 10], stream);
        if (fast != null) return fast;
        Rational typical = snap(1 / gaps[gaps.length / 2], stream); // timestamps with jitter: the typical interval
        if (typical != null) return typical;
        return new Rational(Math.round(1000 / gaps[gaps.length / 10]), 1000);
    }

    private static Rational snap(double fps, Rational stream) {
        if (stream != null && near(fps, stream)) return stream;
        for (Rational r : COMMON) if (near(fps, r)) return r;
        return null;
    }

    private static boolean near(double fps, Rational r) {
        return Math.abs(fps - r.toDouble()) <= TOLERANCE * r.toDouble();
    }
}
