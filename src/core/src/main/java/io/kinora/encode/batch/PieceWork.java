package io.kinora.encode.batch;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** One unit of the encode step: one piece of the source for a group of renditions, encoded by one FFmpeg. */
public record PieceWork(int piece, List<String> renditions) implements Serializable {
    public PieceWork {
        renditions = List.copyOf(renditions);
    }

    String encode() { return String.join("+", renditions) + ":" + piece; }

    static PieceWork decode(String s) {
        int colon = s.lastIndexOf(':');
        return new PieceWork(Integer.parseInt(s.substring(colon + 1)), List.of(s.substring(0, colon).split("\\+")));
    }

    static String encodeAll(List<PieceWork> items) {
        return String.join(",", items.stream().map(PieceWork::encode).toList());
    }

    static List<PieceWork> decodeAll(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(PieceWork::decode).toList();
    }
}
