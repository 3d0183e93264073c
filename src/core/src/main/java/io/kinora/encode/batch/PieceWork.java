package io.kinora.encode.batch;

import java.io.Serializable;
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
}
