package io.kinora.captions;

/** One recognized word and when it was spoken, in seconds from the start of the audio. */
public record Word(String text, double start, double end) {
    public Word {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a word has text");
        if (!(end >= start) || start < 0) throw new IllegalArgumentException("bad word times " + start + ".." + end);
    }

    public Word shifted(double seconds) {
        return new Word(text, start + seconds, end + seconds);
    }

    public double middle() {
        return (start + end) / 2;
    }
}
