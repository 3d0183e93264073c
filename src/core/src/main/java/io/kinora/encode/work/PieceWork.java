package io.kinora.encode.work;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of the encode step: one piece of the source for a group of renditions, encoded by one FFmpeg; or
 * {@link #AUDIO}, the whole source's audio track, which runs beside the first pieces instead of before them.
 * {@code renditions} are the ones to encode, {@code group} the whole group: the scaler cascade always runs through the
 * group, so a restart that encodes only the missing renditions produces them exactly as the first run would have.
 */
public record PieceWork(int piece, List<String> renditions, List<String> group) implements Serializable {
    public static final PieceWork AUDIO = new PieceWork(-1, List.of());

    public PieceWork {
        renditions = List.copyOf(renditions);
        group = List.copyOf(group);
    }

    /** All of the group. */
    public PieceWork(int piece, List<String> group) {
        this(piece, group, group);
    }

    /** Only these renditions of the group. */
    public PieceWork narrowedTo(List<String> missing) {
        return new PieceWork(piece, missing, group);
    }

    public boolean isAudio() { return piece < 0; }
}
