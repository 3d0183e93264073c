package io.kinora.captions;

import io.kinora.media.FfmpegCommands;
import io.kinora.media.ProcessResult;
import io.kinora.media.ProcessRunner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A whisper.cpp-compatible command ({@code kinora.captions.command}, e.g.
 * {@code /opt/whisper.cpp/build/bin/whisper-cli -m /opt/models/ggml-base.en.bin -t 2}): the operator's words, split
 * at whitespace (no shell, no quoting), then Kinora's:
 * {@code -f <wav> -l <language> -ml 1 -sow -oj -of <scratch>/words -np}. The command writes
 * {@code <scratch>/words.json} as whisper.cpp's {@code -oj} does: {@code transcription[]} of
 * {@code {offsets: {from, to} (milliseconds), text}}, one word per entry ({@code -ml 1 -sow}).
 */
public final class WhisperCommandEngine implements SpeechEngine {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(WhisperCommandEngine.class.getName());

    private final List<String> command;
    private final String defaultLanguage;
    private final ProcessRunner runner = new ProcessRunner(256 * 1024, 16 * 1024);

    WhisperCommandEngine(List<String> command, String defaultLanguage) {
        if (command.isEmpty()) throw new IllegalArgumentException("empty command");
        this.command = List.copyOf(command);
        this.defaultLanguage = defaultLanguage;
    }

    /** The operator's command line as an argument vector: split at whitespace, nothing interpreted. */
    public static List<String> words(String configured) {
        return configured == null ? List.of()
                : Arrays.stream(configured.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** The engine when the command's program exists and is executable; otherwise why not. */
    public static Availability find(String configured, String defaultLanguage) {
        List<String> argv = words(configured);
        if (argv.isEmpty()) return Availability.none("kinora.captions.command is not set");
        Path program = Path.of(argv.get(0));
        if (!program.isAbsolute() || !Files.isRegularFile(program) || !Files.isExecutable(program)) {
            return Availability.none("kinora.captions.command: its program is not an executable file (give an absolute path)");
        }
        return Availability.of(new WhisperCommandEngine(argv, defaultLanguage), "command " + program.getFileName());
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public String defaultLanguage() {
        return defaultLanguage;
    }

    /** The operator picked the model: whatever it speaks is theirs to know. */
    @Override
    public boolean speaks(String language) {
        return true;
    }

    @Override
    public List<Word> recognize(Path wav, String language, Path scratch, Duration timeout) throws IOException {
        Files.createDirectories(scratch);
        Path out = scratch.resolve("words.json");
        Files.deleteIfExists(out);
        ProcessResult r = runner.run(command(wav, language, scratch.resolve("words")), Map.of(), timeout);
        if (r.timedOut()) throw new SpeechEngineException("the captions command took longer than " + timeout.toSeconds() + " s for one chunk");
        if (r.exitCode() != 0) {
            LOG.warning(() -> "captions command exit " + r.exitCode() + ": " + PocketsphinxEngine.lastLine(r.stderrTail()));
            throw new SpeechEngineException("the captions command failed (exit " + r.exitCode() + ")");
        }
        if (!Files.isRegularFile(out)) throw new SpeechEngineException("the captions command wrote no words.json");
        try (Reader in = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            return parse(in);
        }
    }

    List<String> command(Path wav, String language, Path outPrefix) {
        List<String> c = new ArrayList<>(command);
        c.addAll(List.of("-f", wav.toAbsolutePath().toString(),
                "-l", language.split("-")[0],
                "-ml", "1", "-sow",
                "-oj", "-of", outPrefix.toAbsolutePath().toString(),
                "-np"));
        return FfmpegCommands.inBackground(c);
    }

    /** whisper.cpp's {@code -oj} JSON: {@code transcription[].offsets.from/to} in ms and {@code text}. */
    static List<Word> parse(Reader json) throws SpeechEngineException {
        List<Word> words = new ArrayList<>();
        try (JsonReader reader = Json.createReader(json)) {
            JsonObject root = reader.readObject();
            for (JsonValue v : root.getJsonArray("transcription")) {
                JsonObject seg = v.asJsonObject();
                JsonObject offsets = seg.getJsonObject("offsets");
                String text = seg.getString("text", "").strip();
                if (text.isEmpty() || text.startsWith("[")) continue; // [BLANK_AUDIO], [MUSIC]
                double from = offsets.getJsonNumber("from").doubleValue() / 1000;
                double to = offsets.getJsonNumber("to").doubleValue() / 1000;
                if (from < 0 || to < from) continue;
                for (String w : text.split("\\s+")) words.add(new Word(w, from, to));
            }
        } catch (RuntimeException e) {
            throw new SpeechEngineException("the captions command's words.json is not whisper.cpp JSON");
        }
        return words;
    }
}
