package io.kinora.encode.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The source's pieces in order, with exact start and end times (from FFmpeg's segment list). */
public record PieceManifest(List<Piece> pieces) {
    public record Piece(int index, double start, double end) {
        public double duration() { return end - start; }
    }

    /** Parses FFmpeg's csv segment list: "name,start,end" per line, in order. */
    public static PieceManifest parseSegmentList(String csv) {
        List<Piece> pieces = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            if (f.length < 3) throw new IllegalArgumentException("bad segment list line: " + line);
            pieces.add(new Piece(pieces.size(), Double.parseDouble(f[f.length - 2]), Double.parseDouble(f[f.length - 1])));
        }
        if (pieces.isEmpty()) throw new IllegalArgumentException("segment list is empty");
        return new PieceManifest(List.copyOf(pieces));
    }

    /** Kinora's own stored form: "index,start,end" per line. */
    public static PieceManifest parse(String text) {
        List<Piece> pieces = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            pieces.add(new Piece(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
        return new PieceManifest(List.copyOf(pieces));
    }

    public String format() {
        StringBuilder b = new StringBuilder();
        for (Piece p : pieces) b.append(String.format(Locale.ROOT, "%d,%.6f,%.6f%n", p.index(), p.start(), p.end()));
        return b.toString();
    }

    public int size() { return pieces.size(); }

    public Piece get(int index) { return pieces.get(index); }
}
