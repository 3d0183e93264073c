package io.kinora.captions;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long audio in overlapping chunks: every word heard once, at its time in the whole file; a restart resumes. */
class SpeechChunksTest {
    @TempDir Path dir;

    @Test
    void everyInstantBelongsToExactlyOneChunk() {
        List<SpeechChunks.Chunk> chunks = SpeechChunks.plan(130, 60, 4);
        assertEquals(3, chunks.size());
        assertEquals(56, chunks.get(1).start(), 1e-9);
        assertEquals(130, chunks.get(2).end(), 1e-9);
        for (double t = 0; t < 130; t += 0.01) {
            Word w = new Word("x", t, t);
            assertEquals(1, chunks.stream().filter(c -> c.owns(w)).count(), "t=" + t);
            chunks.stream().filter(c -> c.owns(w)).forEach(c -> assertTrue(w.start() >= c.start() && w.start() <= c.end()));
        }
        assertEquals(1, SpeechChunks.plan(20, 60, 4).size());
        assertEquals(1, SpeechChunks.plan(0, 60, 4).size());
    }

    /**
     * 130 s of PCM whose samples in second s all have the value s; an engine that reports a word "s" in the middle of
     * every whole second it hears. The transcript must be the 130 seconds once each, at their place in the file.
     */
    @Test
    void wordsComeBackOnceAtTheirTimeInTheWholeFile() throws IOException {
        int seconds = 130;
        Path pcm = dir.resolve("speech.pcm");
        ByteBuffer b = ByteBuffer.allocate(seconds * SpeechChunks.BYTES_PER_SECOND).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < seconds; s++) for (int i = 0; i < 16000; i++) b.putShort((short) s);
        Files.write(pcm, b.array());
        AtomicInteger calls = new AtomicInteger();
        SpeechEngine counting = new SecondsEngine(calls);
        Transcriber.Transcript t = new Transcriber(counting, 60, 4, Duration.ofMinutes(1)).transcribe(pcm, "en", dir.resolve("chunks"));
        assertEquals(3, calls.get());
        assertEquals(3, t.heardNow());
        assertEquals(seconds, t.words().size());
        for (int s = 0; s < seconds; s++) {
            assertEquals(Integer.toString(s), t.words().get(s).text());
            assertEquals(s + 0.25, t.words().get(s).start(), 1e-6);
        }
        // a restart: every chunk is on disk already, the engine is not asked again
        SpeechEngine failing = new SecondsEngine(null);
        Transcriber.Transcript again = new Transcriber(failing, 60, 4, Duration.ofMinutes(1)).transcribe(pcm, "en", dir.resolve("chunks"));
        assertEquals(0, again.heardNow());
        assertEquals(t.words(), again.words());
    }

    /** Stopped between chunks (a stopped job, a deleted video): what was heard stays, a restart hears only the rest. */
    @Test
    void aStopEndsBetweenChunksAndTheRestartHearsTheRest() throws IOException {
        Path pcm = dir.resolve("speech.pcm");
        ByteBuffer b = ByteBuffer.allocate(130 * SpeechChunks.BYTES_PER_SECOND).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < 130; s++) for (int i = 0; i < 16000; i++) b.putShort((short) s);
        Files.write(pcm, b.array());
        AtomicInteger calls = new AtomicInteger();
        Transcriber stopping = new Transcriber(new SecondsEngine(calls), 60, 4, Duration.ofMinutes(1), () -> calls.get() >= 1);
        assertThrows(Transcriber.Stopped.class, () -> stopping.transcribe(pcm, "en", dir.resolve("chunks")));
        assertEquals(1, calls.get(), "stopped after the first chunk");
        Transcriber.Transcript rest = new Transcriber(new SecondsEngine(calls), 60, 4, Duration.ofMinutes(1))
                .transcribe(pcm, "en", dir.resolve("chunks"));
        assertEquals(2, rest.heardNow());
        assertEquals(130, rest.words().size());
    }

    @Test
    void chunkFilesAreWav() throws IOException {
        Path pcm = dir.resolve("a.pcm");
        Files.write(pcm, new byte[10 * SpeechChunks.BYTES_PER_SECOND]);
        Path wav = dir.resolve("a.wav");
        SpeechChunks.writeWav(pcm, SpeechChunks.plan(10, 4, 1).get(1), wav);
        byte[] bytes = Files.readAllBytes(wav);
        assertEquals(44 + 4 * SpeechChunks.BYTES_PER_SECOND, bytes.length);
        assertEquals("RIFF", new String(bytes, 0, 4));
        assertEquals(16000, ByteBuffer.wrap(bytes, 24, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(4 * SpeechChunks.BYTES_PER_SECOND, ByteBuffer.wrap(bytes, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    /** Hears the seconds written into the samples; {@code calls} null: must not be asked at all. */
    private record SecondsEngine(AtomicInteger calls) implements SpeechEngine {
        @Override public String name() { return "seconds"; }
        @Override public String defaultLanguage() { return "en"; }
        @Override public boolean speaks(String language) { return true; }
        @Override public List<Word> recognize(Path wav, String language, Path scratch, Duration timeout) throws IOException {
            if (calls == null) throw new SpeechEngineException("asked again");
            calls.incrementAndGet();
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            int samples = (b.capacity() - 44) / 2;
            List<Word> words = new ArrayList<>();
            for (int i = 0; i + 16000 <= samples; i += 16000) {
                int second = b.getShort(44 + 2 * i);
                double at = i / 16000.0;
                words.add(new Word(Integer.toString(second), at + 0.25, at + 0.75));
            }
            return words;
        }
    }
}
