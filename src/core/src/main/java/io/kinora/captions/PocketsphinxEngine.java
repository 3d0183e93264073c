package io.kinora.captions;

import io.kinora.media.FfmpegCommands;
import io.kinora.media.ProcessResult;
import io.kinora.media.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CMU PocketSphinx as Debian ships it (packages {@code pocketsphinx}, {@code pocketsphinx-en-us}: the 5prealpha CLI
 * {@code pocketsphinx_continuous} and the US-English acoustic model, language model and dictionary). Run per chunk
 * as {@code pocketsphinx_continuous -infile <wav> -time yes}: each utterance it finds prints one line per word,
 * {@code <word> <start s> <end s> <confidence>}, times from the start of the file (100 frames a second).
 */
public final class PocketsphinxEngine implements SpeechEngine {
    /** Where Debian's pocketsphinx-en-us puts the model. */
    public static final Path DEBIAN_MODEL = Path.of("/usr/share/pocketsphinx/model/en-us");
    private static final String BINARY = "pocketsphinx_continuous";
    private static final Pattern WORD_LINE = Pattern.compile("^(\\S+) (\\d+(?:\\.\\d+)?) (\\d+(?:\\.\\d+)?) \\S+$");
    private static final Pattern ALTERNATE = Pattern.compile("\\(\\d+\\)$");

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(PocketsphinxEngine.class.getName());

    private final Path binary;
    private final Path model;
    private final ProcessRunner runner = new ProcessRunner(4 * 1024 * 1024, 16 * 1024);

    PocketsphinxEngine(Path binary, Path model) {
        this.binary = binary;
        this.model = model;
    }

    /** The engine where the binary is on the PATH and the model in {@code model}; otherwise why not. */
    public static Availability find(Path model, String path) {
        Optional<Path> bin = onPath(BINARY, path);
        if (bin.isEmpty()) return Availability.none(BINARY + " is not installed (Debian package pocketsphinx)");
        for (String f : List.of("en-us/mdef", "en-us.lm.bin", "cmudict-en-us.dict")) {
            if (!Files.isRegularFile(model.resolve(f))) {
                return Availability.none("the pocketsphinx model is not installed (Debian package pocketsphinx-en-us)");
            }
        }
        return Availability.of(new PocketsphinxEngine(bin.get(), model), "pocketsphinx, en-us model");
    }

    static Optional<Path> onPath(String name, String path) {
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "pocketsphinx";
    }

    @Override
    public String defaultLanguage() {
        return "en";
    }

    /** The en-us model: English of any region is the best it can do. */
    @Override
    public boolean speaks(String language) {
        return language.equals("en") || language.startsWith("en-");
    }

    @Override
    public List<Word> recognize(Path wav, String language, Path scratch, Duration timeout) throws IOException {
        ProcessResult r = runner.run(command(wav), Map.of(), timeout);
        if (r.timedOut()) throw new SpeechEngineException("pocketsphinx took longer than " + timeout.toSeconds() + " s for one chunk");
        if (r.exitCode() != 0) {
            throw new SpeechEngineException("pocketsphinx failed (exit " + r.exitCode() + "): " + lastLine(r.stderrTail()));
        }
        return parse(r.stdout());
    }

    List<String> command(Path wav) {
        return FfmpegCommands.inBackground(List.of(binary.toString(),
                "-infile", wav.toAbsolutePath().toString(),
                "-time", "yes",
                "-logfn", "/dev/null",
                "-hmm", model.resolve("en-us").toString(),
                "-lm", model.resolve("en-us.lm.bin").toString(),
                "-dict", model.resolve("cmudict-en-us.dict").toString(),
                "-samprate", Integer.toString(FfmpegCommands.SPEECH_SAMPLE_RATE)));
    }

    /**
     * The words of {@code pocketsphinx_continuous -time yes} output: sentence marks ({@code <s>}, {@code </s>}),
     * silence ({@code <sil>}) and fillers ({@code [NOISE]}, {@code ++BREATH++}) dropped, alternate pronunciations
     * ({@code the(2)}) named by their word. Lines that are not word lines (a hypothesis printed alone) are ignored.
     */
    static List<Word> parse(String stdout) {
        List<Word> words = new ArrayList<>();
        for (String line : stdout.split("\\R")) {
            Matcher m = WORD_LINE.matcher(line.strip());
            if (!m.matches()) continue;
            String w = m.group(1);
            if (w.startsWith("<") || w.startsWith("[") || w.startsWith("++") || w.startsWith("+")) continue;
            w = ALTERNATE.matcher(w).replaceFirst("");
            if (w.isEmpty()) continue;
            double start = Double.parseDouble(m.group(2));
            double end = Double.parseDouble(m.group(3));
            if (end < start) continue;
            words.add(new Word(w.toLowerCase(Locale.ROOT), start, end));
        }
        return words;
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        String last = lines.length == 0 ? "" : lines[lines.length - 1];
        return last.length() > 200 ? last.substring(0, 200) : last;
    }
}
