package io.kinora.captions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a whole PCM file, chunk by chunk ({@link SpeechChunks}). Each chunk's kept words are written to
 * {@code words-NNNNN.tsv} in the scratch directory as soon as it is recognized, so a restarted step resumes after the
 * last finished chunk instead of hearing the film again.
 */
public final class Transcriber {
    private final SpeechEngine engine;
    private final double chunkSeconds;
    private final double overlapSeconds;
    private final Duration chunkTimeout;
    private final java.util.function.BooleanSupplier stopped;

    /** Asked to stop (the job is stopped, the video deleted): the chunks heard so far stay for a restart. */
    public static final class Stopped extends IOException {
        public Stopped() {
            super("stopped");
        }
    }

    public Transcriber(SpeechEngine engine, double chunkSeconds, double overlapSeconds, Duration chunkTimeout) {
        this(engine, chunkSeconds, overlapSeconds, chunkTimeout, () -> false);
    }

    /** {@code stopped} is asked before each chunk. */
    public Transcriber(SpeechEngine engine, double chunkSeconds, double overlapSeconds, Duration chunkTimeout,
                       java.util.function.BooleanSupplier stopped) {
        this.engine = engine;
        this.chunkSeconds = chunkSeconds;
        this.overlapSeconds = overlapSeconds;
        this.chunkTimeout = chunkTimeout;
        this.stopped = stopped;
    }

    /** What one run did: the words, and how many chunks were heard now (the others came from a previous run). */
    public record Transcript(List<Word> words, int chunks, int heardNow) { }

    public Transcript transcribe(Path pcm, String language, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        List<SpeechChunks.Chunk> chunks = SpeechChunks.plan(SpeechChunks.seconds(Files.size(pcm)), chunkSeconds, overlapSeconds);
        List<Word> words = new ArrayList<>();
        int heard = 0;
        for (SpeechChunks.Chunk chunk : chunks) {
            Path done = scratch.resolve(String.format(Locale.ROOT, "words-%05d.tsv", chunk.index()));
            if (!Files.isRegularFile(done)) {
                if (stopped.getAsBoolean()) throw new Stopped();
                Path wav = scratch.resolve("chunk.wav");
                SpeechChunks.writeWav(pcm, chunk, wav);
                List<Word> kept = engine.recognize(wav, language, scratch.resolve("engine"), chunkTimeout).stream()
                        .map(w -> w.shifted(chunk.start())).filter(chunk::owns).toList();
                Files.delete(wav);
                Path tmp = scratch.resolve(done.getFileName() + ".part");
                Files.writeString(tmp, tsv(kept), StandardCharsets.UTF_8);
                Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                heard++;
            }
            words.addAll(read(done));
        }
        words.sort(java.util.Comparator.comparingDouble(Word::start));
        return new Transcript(words, chunks.size(), heard);
    }

    static String tsv(List<Word> words) {
        StringBuilder b = new StringBuilder();
        for (Word w : words) {
            b.append(String.format(Locale.ROOT, "%.3f\t%.3f\t", w.start(), w.end())).append(w.text().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        return b.toString();
    }

    static List<Word> read(Path tsv) throws IOException {
        List<Word> words = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 3);
            if (f.length == 3 && !f[2].isBlank()) words.add(new Word(f[2], Double.parseDouble(f[0]), Double.parseDouble(f[1])));
        }
        return words;
    }
}
