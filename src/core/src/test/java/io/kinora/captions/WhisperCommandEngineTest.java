package io.kinora.captions;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line contract of a whisper.cpp-compatible command, with a stand-in script in place of whisper.cpp:
 * the operator's words first, then {@code -f <wav> -l <lang> -ml 1 -sow -oj -of <prefix> -np}; the words come from
 * {@code <prefix>.json} as whisper.cpp's {@code -oj} writes it.
 */
class WhisperCommandEngineTest {
    @TempDir Path dir;

    private Path standIn(String body) throws IOException {
        Path script = dir.resolve("whisper-standin");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void theContract() throws IOException {
        // records its arguments one per line, then answers like whisper-cli -oj with -ml 1 -sow
        Path args = dir.resolve("args.txt");
        Path script = standIn("for a in \"$@\"; do echo \"$a\" >> '" + args + "'; done\n"
                + "while [ $# -gt 0 ]; do [ \"$1\" = -of ] && out=\"$2\"; shift; done\n"
                + "cat > \"$out.json\" <<'JSON'\n"
                + "{\"result\":{\"language\":\"de\"},\"transcription\":[\n"
                + " {\"timestamps\":{\"from\":\"00:00:00,000\",\"to\":\"00:00:00,320\"},\"offsets\":{\"from\":120,\"to\":320},\"text\":\" Guten\"},\n"
                + " {\"timestamps\":{},\"offsets\":{\"from\":330,\"to\":700},\"text\":\" Tag.\"},\n"
                + " {\"timestamps\":{},\"offsets\":{\"from\":900,\"to\":1000},\"text\":\" [BLANK_AUDIO]\"}]}\n"
                + "JSON\n");
        Availability a = WhisperCommandEngine.find(script + "  -m /models/ggml-base.bin   -t 2", "en");
        SpeechEngine engine = a.engine().orElseThrow(() -> new AssertionError(a.description()));
        assertEquals("command", engine.name());
        assertEquals("en", engine.defaultLanguage());
        Path wav = dir.resolve("chunk.wav");
        Files.write(wav, SpeechChunks.header(0));
        List<Word> words = engine.recognize(wav, "de-ch", dir.resolve("scratch"), Duration.ofSeconds(30));
        assertEquals(List.of(new Word("Guten", 0.12, 0.32), new Word("Tag.", 0.33, 0.7)), words);
        assertEquals(List.of("-m", "/models/ggml-base.bin", "-t", "2", "-f", wav.toString(), "-l", "de", "-ml", "1", "-sow",
                "-oj", "-of", dir.resolve("scratch").resolve("words").toString(), "-np"), Files.readAllLines(args));
    }

    @Test
    void failuresAreNotesWithoutPaths() throws IOException {
        Path wav = dir.resolve("chunk.wav");
        Files.write(wav, SpeechChunks.header(0));
        SpeechEngine failing = WhisperCommandEngine.find(standIn("echo 'model /secret/path missing' >&2; exit 3\n").toString(), "en")
                .engine().orElseThrow();
        SpeechEngineException e = assertThrows(SpeechEngineException.class,
                () -> failing.recognize(wav, "en", dir.resolve("s1"), Duration.ofSeconds(30)));
        assertEquals("the captions command failed (exit 3)", e.getMessage());

        SpeechEngine silent = WhisperCommandEngine.find(standIn("exit 0\n").toString(), "en").engine().orElseThrow();
        assertThrows(SpeechEngineException.class, () -> silent.recognize(wav, "en", dir.resolve("s2"), Duration.ofSeconds(30)));

        SpeechEngine garbage = WhisperCommandEngine.find(standIn(
                "while [ $# -gt 0 ]; do [ \"$1\" = -of ] && out=\"$2\"; shift; done\necho '{\"nope\":1}' > \"$out.json\"\n").toString(), "en")
                .engine().orElseThrow();
        SpeechEngineException g = assertThrows(SpeechEngineException.class,
                () -> garbage.recognize(wav, "en", dir.resolve("s3"), Duration.ofSeconds(30)));
        assertFalse(g.getMessage().contains("/"), g.getMessage());
    }

    @Test
    void aCommandThatIsNotAnAbsoluteExecutableIsNoEngine() {
        assertTrue(WhisperCommandEngine.find("whisper-cli -m x", "en").engine().isEmpty());
        assertTrue(WhisperCommandEngine.find("", "en").engine().isEmpty());
        assertTrue(WhisperCommandEngine.find("/nonexistent/whisper-cli", "en").engine().isEmpty());
        assertEquals(List.of("a", "b", "c"), WhisperCommandEngine.words("  a \t b\nc "));
    }
}
