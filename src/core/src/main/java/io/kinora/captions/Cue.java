package io.kinora.captions;

import java.util.List;

/** One caption on screen: from, to (seconds) and its one or two lines. */
public record Cue(double start, double end, List<String> lines) {
    public Cue {
        lines = List.copyOf(lines);
    }

    public String text() {
        return String.join(" ", lines);
    }
}
