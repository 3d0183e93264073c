package io.kinora.captions;

import java.util.ArrayList;
import java.util.List;

/**
 * Captions from timed words: sentence-ish cues of at most two lines of {@value #LINE} characters, on screen 1 to 7 s,
 * never overlapping. A cue ends at a pause (a gap of {@value #PAUSE} s or more), after a sentence's end once it holds a
 * few words, or when the next word would not fit the two lines or the seven seconds. A cue shorter than a second is
 * widened into the silence around it (never over a neighbour).
 */
public final class CueBuilder {
    public static final int LINE = 42;
    public static final double MIN_SECONDS = 1.0;
    public static final double MAX_SECONDS = 7.0;
    static final double PAUSE = 0.8;
    private static final int SENTENCE_MIN_CHARS = 20;

    private CueBuilder() { }

    public static List<Cue> build(List<Word> words) {
        List<List<Word>> groups = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        for (Word w : words) {
            if (!current.isEmpty() && endsBefore(current, w)) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.add(w);
        }
        if (!current.isEmpty()) groups.add(current);

        List<Cue> cues = new ArrayList<>();
        for (List<Word> g : groups) {
            double start = g.get(0).start();
            double end = Math.min(g.get(g.size() - 1).end(), start + MAX_SECONDS);
            cues.add(new Cue(start, end, lines(text(g))));
        }
        return spaced(cues);
    }

    /** Whether {@code next} starts a new cue after the words of {@code cue}. */
    private static boolean endsBefore(List<Word> cue, Word next) {
        Word last = cue.get(cue.size() - 1);
        if (next.start() - last.end() >= PAUSE) return true;
        if (next.end() - cue.get(0).start() > MAX_SECONDS) return true;
        String text = text(cue);
        if (sentenceEnd(last.text()) && text.length() >= SENTENCE_MIN_CHARS) return true;
        return lines(text + " " + next.text()).size() > 2 || tooLong(text + " " + next.text());
    }

    private static boolean tooLong(String text) {
        return lines(text).stream().anyMatch(l -> l.length() > LINE);
    }

    private static boolean sentenceEnd(String word) {
        return word.endsWith(".") || word.endsWith("?") || word.endsWith("!");
    }

    /** The cue's text: recognizers that know no case (pocketsphinx) get a capital at the start and a capital I. */
    static String text(List<Word> words) {
        StringBuilder b = new StringBuilder();
        for (Word w : words) {
            if (b.length() > 0) b.append(' ');
            b.append(w.text().equals("i") ? "I" : w.text().startsWith("i'") ? "I" + w.text().substring(1) : w.text());
        }
        if (b.length() > 0) b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
        return b.toString();
    }

    /**
     * One line if the text fits {@value #LINE} characters, otherwise two broken at the space that balances them best
     * (both within the limit if any break does); more than two lines when no break makes two fit. A single word longer
     * than a line stays whole.
     */
    static List<String> lines(String text) {
        if (text.length() <= LINE) return List.of(text);
        int best = -1;
        double bestScore = Double.MAX_VALUE;
        for (int i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
            int a = i, b = text.length() - i - 1;
            if (a > LINE || b > LINE) continue;
            double score = Math.abs(a - b);
            if (score < bestScore) { bestScore = score; best = i; }
        }
        if (best >= 0) return List.of(text.substring(0, best), text.substring(best + 1));
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + w.length() > LINE) { out.add(line.toString()); line.setLength(0); }
            if (line.length() > 0) line.append(' ');
            line.append(w);
        }
        out.add(line.toString());
        return out;
    }

    /** Cues widened to a second where the silence around them allows, and never overlapping. */
    static List<Cue> spaced(List<Cue> cues) {
        List<Cue> out = new ArrayList<>(cues.size());
        for (int i = 0; i < cues.size(); i++) {
            Cue c = cues.get(i);
            double floor = out.isEmpty() ? 0 : out.get(out.size() - 1).end();
            double ceiling = i + 1 < cues.size() ? cues.get(i + 1).start() : Double.MAX_VALUE;
            double start = Math.max(c.start(), floor);
            double end = Math.min(c.end(), ceiling);
            double missing = MIN_SECONDS - (end - start);
            if (missing > 0) {
                double later = Math.min(missing / 2, ceiling - end);
                end += later;
                start = Math.max(floor, start - (missing - later));
                end = Math.min(ceiling, Math.max(end, start + MIN_SECONDS));
            }
            if (end <= start) continue; // nothing left of it between its neighbours
            out.add(new Cue(start, end, c.lines()));
        }
        return out;
    }
}
