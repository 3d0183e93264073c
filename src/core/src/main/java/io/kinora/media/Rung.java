package io.kinora.media;

/** One step of a ladder: nominal size by its short side ("720p" = 720) and target bitrate. */
public record Rung(int shortSide, int bitrateKbps) {

    public String name() {
        return shortSide + "p";
    }
}
