package io.kinora.captions;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cues from timed words: two lines of 42 at most, 1-7 s, never overlapping, every word once and in order. */
class CueBuilderTest {
    @Test
    void speechOfManyShapesKeepsEveryRule() {
        Random random = new Random(18);
        String[] vocabulary = {"the", "a", "river", "runs", "quietly", "through", "extraordinarily", "green", "valleys",
                "and", "I", "never", "thought", "it", "would", "rain", "today.", "why?", "encyclopaedically", "ok"};
        for (int run = 0; run < 50; run++) {
            List<Word> words = new ArrayList<>();
            double t = random.nextDouble() * 3;
            for (int i = 0; i < 400; i++) {
                String w = vocabulary[random.nextInt(vocabulary.length)];
                double length = 0.1 + random.nextDouble() * 0.6;
                words.add(new Word(w, t, t + length));
                t += length + (random.nextInt(8) == 0 ? 0.5 + random.nextDouble() * 3 : random.nextDouble() * 0.15);
            }
            List<Cue> cues = CueBuilder.build(words);
            double previousEnd = 0;
            StringBuilder all = new StringBuilder();
            for (Cue c : cues) {
                assertTrue(c.lines().size() <= 2, c.toString());
                c.lines().forEach(l -> assertTrue(l.length() <= CueBuilder.LINE, l));
                assertTrue(c.start() >= previousEnd - 1e-9, "no overlap: " + c + " after " + previousEnd);
                assertTrue(c.end() - c.start() <= CueBuilder.MAX_SECONDS + 1e-9, c.toString());
                assertTrue(c.end() - c.start() >= CueBuilder.MIN_SECONDS - 1e-9 || tight(c, cues), "at least a second where there is room: " + c);
                previousEnd = c.end();
                all.append(' ').append(c.text());
            }
            String expected = String.join(" ", words.stream().map(Word::text).toList());
            assertEquals(expected.toLowerCase(), all.toString().strip().toLowerCase(), "every word once, in order");
        }
    }

    /** A cue squeezed between neighbours with less than a second between them. */
    private static boolean tight(Cue c, List<Cue> cues) {
        int i = cues.indexOf(c);
        double floor = i == 0 ? 0 : cues.get(i - 1).end();
        double ceiling = i + 1 < cues.size() ? cues.get(i + 1).start() : Double.MAX_VALUE;
        return ceiling - floor < CueBuilder.MIN_SECONDS + 1e-9;
    }

    @Test
    void aPauseOrASentenceEndStartsANewCue() {
        List<Cue> cues = CueBuilder.build(List.of(
                new Word("hello", 1.0, 1.4), new Word("there", 1.45, 1.9),
                new Word("after", 3.0, 3.3), new Word("a", 3.35, 3.4), new Word("pause", 3.45, 3.9),
                new Word("the", 3.95, 4.1), new Word("sentence", 4.15, 4.6), new Word("ends.", 4.65, 5.0),
                new Word("next", 5.05, 5.4), new Word("one", 5.45, 5.8)));
        assertEquals(List.of("Hello there", "After a pause the sentence ends.", "Next one"), cues.stream().map(Cue::text).toList());
        assertEquals(0.95, cues.get(0).start(), 1e-9, "0.9 s of speech widened to a second: half before it");
        assertEquals(1.95, cues.get(0).end(), 1e-9, "and half after it");
        assertEquals(3.0, cues.get(1).start(), 1e-9);
        assertTrue(cues.get(1).end() <= cues.get(2).start());
    }

    @Test
    void aShortWordIsWidenedIntoTheSilenceAroundIt() {
        List<Cue> cues = CueBuilder.build(List.of(new Word("yes", 5.0, 5.2)));
        assertEquals(4.6, cues.get(0).start(), 1e-9);
        assertEquals(5.6, cues.get(0).end(), 1e-9);
        assertEquals("Yes", cues.get(0).text());
    }

    @Test
    void twoLinesAreBalancedAndALongCueIsCut() {
        assertEquals(List.of("the quick brown fox jumps", "over the lazy dog again"),
                CueBuilder.lines("the quick brown fox jumps over the lazy dog again"));
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < 40; i++) words.add(new Word("la", i * 0.3, i * 0.3 + 0.25)); // 12 s without a pause
        List<Cue> cues = CueBuilder.build(words);
        assertTrue(cues.size() >= 2);
        cues.forEach(c -> assertTrue(c.end() - c.start() <= 7.0 + 1e-9, c.toString()));
    }

    @Test
    void webVttIsEscapedAndTimed() {
        String vtt = WebVttWriter.write(List.of(new Cue(61.5, 3725.25, List.of("a <b> & c", "d"))), "pocketsphinx");
        assertEquals("WEBVTT\n\nNOTE automatic captions (pocketsphinx)\n\n00:01:01.500 --> 01:02:05.250\na &lt;b&gt; &amp; c\nd\n\n", vtt);
    }
}
