package io.kinora.encode.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The source's pieces in order and the timeline they share. Times are in piece-file time: the source's timestamps
 * plus {@code offset} (whole seconds that make every timestamp non-negative). Piece i shows the frames from its
 * {@code start} up to the next piece's start; the last one to the end. {@code origin} is the instant that becomes 0
 * in every output (the earlier of the first picture and the first sound, as a single-pass FFmpeg puts it);
 * {@code rotation} is the clockwise display rotation the pieces no longer carry.
 */
public record PieceManifest(double offset, double origin, int rotation, List<Piece> pieces) {
    public record Piece(int index, double start, double end) {
        public double duration() { return end - start; }
    }

    public PieceManifest {
        pieces = List.copyOf(pieces);
        if (pieces.isEmpty()) throw new IllegalArgumentException("no pieces");
    }

    /** Kinora's stored form: a "#timeline offset=..,origin=..,rotation=.." line, then "index,start,end" per piece. */
    public static PieceManifest parse(String text) {
        List<Piece> pieces = new ArrayList<>();
        double offset = 0;
        double origin = Double.NaN;
        int rotation = 0;
        for (String line : text.split("\\R")) {
            if (line.isBlank()) continue;
            if (line.startsWith("#timeline ")) {
                for (String kv : line.substring("#timeline ".length()).split(",")) {
                    String[] f = kv.split("=", 2);
                    switch (f[0].trim()) {
                        case "offset" -> offset = Double.parseDouble(f[1].trim());
                        case "origin" -> origin = Double.parseDouble(f[1].trim());
                        case "rotation" -> rotation = Integer.parseInt(f[1].trim());
                        default -> { } // written by a later version: not needed here
                    }
                }
                continue;
            }
            String[] f = line.split(",");
            pieces.add(new Piece(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
        if (pieces.isEmpty()) throw new IllegalArgumentException("piece manifest without pieces");
        return new PieceManifest(offset, Double.isNaN(origin) ? pieces.get(0).start() : origin, rotation, pieces);
    }

    public String format() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "#timeline offset=%.6f,origin=%.6f,rotation=%d%n",
                offset, origin, rotation));
        for (Piece p : pieces) b.append(String.format(Locale.ROOT, "%d,%.6f,%.6f%n", p.index(), p.start(), p.end()));
        return b.toString();
    }

    public int size() { return pieces.size(); }

    public Piece get(int index) { return pieces.get(index); }

    public boolean isLast(Piece piece) { return piece.index() == pieces.size() - 1; }

    /** Where the piece's first frame is in the output, in seconds (for the shared keyframe grid). */
    public double outputStart(Piece piece) { return piece.start() - origin; }

    /** The offset the joined pictures need: where the first frame is in the output. */
    public double videoOffset() { return pieces.get(0).start() - origin; }

    /** The offset the audio (encoded at the source's own timestamps) needs to land on the output's timeline. */
    public double audioOffset() { return offset - origin; }
}
