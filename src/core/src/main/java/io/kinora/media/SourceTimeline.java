package io.kinora.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the source's pictures are in time, read from its video packets without decoding (ffprobe's
 * {@code packet=pts,dts,flags}, in decode order). Packets flagged D are decoded but never shown (an edit list's
 * hidden start); a keyframe is where a piece may start decoding.
 *
 * <p>Chunking keeps the timeline because pieces are defined by presentation time, not by packets: piece i shows
 * exactly the frames with {@code cut[i] <= pts < cut[i+1]}, where each cut is a keyframe's presentation time. A piece
 * decodes from its keyframe through the next one and the frames that display before it (open GOPs put them after
 * it in decode order), and its encode keeps only its own span.
 */
public final class SourceTimeline {
    /** One video packet; {@code pts} is {@link Long#MIN_VALUE} where the container has none. */
    public record Packet(long pts, long dts, boolean key, boolean discard) {
        long time() { return pts != Long.MIN_VALUE ? pts : dts; }
    }

    /** A cut: the index (decode order) of the keyframe packet that starts a piece, and its presentation time. */
    public record Cut(int packet, double seconds) { }

    private final Rational timeBase;
    private final List<Packet> packets;

    public SourceTimeline(Rational timeBase, List<Packet> packets) {
        if (timeBase == null || timeBase.numerator() <= 0 || timeBase.denominator() <= 0) {
            throw new IllegalArgumentException("no time base");
        }
        this.timeBase = timeBase;
        this.packets = List.copyOf(packets);
        if (this.packets.stream().noneMatch(p -> !p.discard() && p.time() != Long.MIN_VALUE)) {
            throw new IllegalArgumentException("no video packet with a timestamp");
        }
    }

    /** Parses ffprobe's {@code -show_entries packet=pts,dts,flags -of csv=p=0} lines. */
    public static SourceTimeline parse(Rational timeBase, String csv) {
        List<Packet> packets = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            if (line.isBlank()) continue;
            String[] f = line.split(",", -1);
            if (f.length < 3) throw new IllegalArgumentException("bad packet line: " + line);
            long dts = number(f[1]);
            packets.add(new Packet(number(f[0]), dts, f[2].contains("K"), f[2].contains("D")));
        }
        return new SourceTimeline(timeBase, packets);
    }

    public int packets() { return packets.size(); }

    /** Presentation time of the first frame shown, in seconds of the source's timeline. */
    public double firstShown() {
        return seconds(packets.stream().filter(p -> !p.discard() && p.time() != Long.MIN_VALUE)
                .mapToLong(Packet::time).min().orElseThrow());
    }

    /** Presentation time of the last frame shown plus one typical frame duration: where the picture ends. */
    public double end() {
        long[] shown = packets.stream().filter(p -> !p.discard() && p.time() != Long.MIN_VALUE)
                .mapToLong(Packet::time).sorted().toArray();
        long frame = 0;
        if (shown.length > 1) {
            long[] gaps = new long[shown.length - 1];
            for (int i = 1; i < shown.length; i++) gaps[i - 1] = shown[i] - shown[i - 1];
            java.util.Arrays.sort(gaps);
            frame = gaps[gaps.length / 2];
        }
        return seconds(shown[shown.length - 1] + frame);
    }

    /**
     * A shift, in whole multiples of the time base's numerator (so exact in any time base and in microseconds), that
     * puts every timestamp at 1 s or later: piece files cannot hold negative ones (an edit list's hidden start, B-frame
     * decode times before 0, and decode times FFmpeg derives where the container stores none), and a shift chosen by
     * the muxer would be one we do not know.
     */
    public long offsetSeconds() {
        long min = Long.MAX_VALUE;
        for (Packet p : packets) {
            if (p.pts() != Long.MIN_VALUE) min = Math.min(min, p.pts());
            if (p.dts() != Long.MIN_VALUE) min = Math.min(min, p.dts());
        }
        long num = timeBase.numerator(), den = timeBase.denominator();
        // k * num seconds with min * num / den + k * num >= 1, i.e. k >= (den - min * num) / (num * den)
        long needed = den - min * num;
        if (needed <= 0) return 0;
        return Math.floorDiv(needed + num * den - 1, num * den) * num;
    }

    /** Presentation time of the first packet in decode order (where a piece file's first packet must land). */
    public double firstPacket() {
        Packet p = packets.get(0);
        return seconds(p.time());
    }

    /**
     * Where pieces start: the first keyframe at least {@code pieceSeconds} after the previous piece's start, for every
     * keyframe that is shown and is not the first packet (the first piece starts at the file's start). Cuts are in
     * presentation order too: a keyframe displayed before an earlier cut is skipped.
     */
    public List<Cut> cuts(double pieceSeconds) {
        List<Cut> cuts = new ArrayList<>();
        double previous = firstShown();
        for (int i = 1; i < packets.size(); i++) {
            Packet p = packets.get(i);
            if (!p.key() || p.discard() || p.time() == Long.MIN_VALUE) continue;
            double t = seconds(p.time());
            if (t >= previous + pieceSeconds - 1e-9) {
                cuts.add(new Cut(i, t));
                previous = t;
            }
        }
        return cuts;
    }

    private double seconds(long ticks) {
        return ticks * (double) timeBase.numerator() / timeBase.denominator();
    }

    private static long number(String s) {
        s = s.trim();
        if (s.isEmpty() || s.equals("N/A")) return Long.MIN_VALUE;
        return Long.parseLong(s);
    }
}
