package io.kinora.encode.batch;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** One unit of the encode step: one piece of the source for one rendition. */
public record PieceWork(String rendition, int piece) implements Serializable {
    String encode() { return rendition + ":" + piece; }

    static PieceWork decode(String s) {
        int colon = s.lastIndexOf(':');
        return new PieceWork(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }

    static String encodeAll(List<PieceWork> items) {
        return String.join(",", items.stream().map(PieceWork::encode).toList());
    }

    static List<PieceWork> decodeAll(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(PieceWork::decode).toList();
    }
}
