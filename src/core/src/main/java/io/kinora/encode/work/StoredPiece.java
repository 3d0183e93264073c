package io.kinora.encode.work;

import java.io.Serializable;

/** One encoded piece of one rendition, or the audio track, now in the store: what partitions report to the analyzer. */
public record StoredPiece(String rendition, int piece) implements Serializable {
    public static final StoredPiece AUDIO = new StoredPiece("", -1);

    public boolean isAudio() { return piece < 0; }
}
