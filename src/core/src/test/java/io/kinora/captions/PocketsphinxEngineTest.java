package io.kinora.captions;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What pocketsphinx_continuous -time yes prints, read as words; the command line it is given. */
class PocketsphinxEngineTest {
    @Test
    void wordLinesWithoutMarksFillersAndAlternates() {
        String out = String.join("\n",
                "<s> 0.000 0.340 1.000000",
                "the(2) 0.350 0.480 0.912345",
                "river 0.490 0.930 0.700000",
                "<sil> 0.940 1.200 1.000000",
                "[NOISE] 1.210 1.300 1.000000",
                "++BREATH++ 1.300 1.400 1.000000",
                "runs 1.410 1.800 0.600000",
                "</s> 1.810 1.900 1.000000",
                "the river runs",
                "",
                "INFO: something 1 2 3");
        List<Word> words = PocketsphinxEngine.parse(out);
        assertEquals(List.of(new Word("the", 0.35, 0.48), new Word("river", 0.49, 0.93), new Word("runs", 1.41, 1.8)), words);
    }

    @Test
    void theCommandIsAnArgumentVectorWithTheModel() {
        PocketsphinxEngine engine = new PocketsphinxEngine(Path.of("/usr/bin/pocketsphinx_continuous"), Path.of("/m"));
        List<String> c = engine.command(Path.of("/w/chunk.wav"));
        int i = c.indexOf("/usr/bin/pocketsphinx_continuous");
        assertTrue(i >= 0, c.toString());
        assertEquals(List.of("/usr/bin/pocketsphinx_continuous", "-infile", "/w/chunk.wav", "-time", "yes", "-logfn", "/dev/null",
                "-hmm", "/m/en-us", "-lm", "/m/en-us.lm.bin", "-dict", "/m/cmudict-en-us.dict", "-samprate", "16000"),
                c.subList(i, c.size()));
        assertTrue(engine.speaks("en") && engine.speaks("en-gb") && !engine.speaks("de"));
    }

    @Test
    void notInstalledSaysWhich() {
        Availability a = PocketsphinxEngine.find(Path.of("/nonexistent-model"), "/nonexistent-bin");
        assertTrue(a.engine().isEmpty());
        assertTrue(a.description().contains("pocketsphinx"), a.description());
    }
}
