package io.kinora.encode.batch;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One unit of the encode step: one piece of the source for a group of renditions, encoded by one FFmpeg; or
 * {@link #AUDIO}, the whole source's audio track, which runs beside the first pieces instead of before them.
 */
public record PieceWork(int piece, List<String> renditions) implements Serializable {
    public static final PieceWork AUDIO = new PieceWork(-1, List.of());

    public PieceWork {
        renditions = List.copyOf(renditions);
    }

    boolean isAudio() { return piece < 0; }

    String encode() { return isAudio() ? "audio" : String.join("+", renditions) + ":" + piece; }

    static PieceWork decode(String s) {
        if (s.equals("audio")) return AUDIO;
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
