package io.kinora.captions;

import io.kinora.media.FfmpegCommands;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Long audio in overlapping chunks, so a 2-hour film costs the memory of one chunk: chunk k covers
 * [k·step, k·step + length) with step = length − overlap, and owns the words whose middle lies in its part of the
 * overlaps (the first half of an overlap belongs to the earlier chunk, the second half to the later one), so a word
 * cut at one chunk's edge is heard whole by its neighbour and every word is kept exactly once.
 */
public final class SpeechChunks {
    static final int BYTES_PER_SECOND = FfmpegCommands.SPEECH_SAMPLE_RATE * 2;

    /** One chunk: its byte span of the PCM file and the seconds whose words it keeps. */
    public record Chunk(int index, double start, double end, double ownFrom, double ownTo) {
        public boolean owns(Word w) {
            return w.middle() >= ownFrom && w.middle() < ownTo;
        }
    }

    private SpeechChunks() { }

    public static List<Chunk> plan(double seconds, double length, double overlap) {
        if (length <= 0 || overlap < 0 || overlap >= length) throw new IllegalArgumentException("0 <= overlap < length");
        double step = length - overlap;
        List<Chunk> chunks = new ArrayList<>();
        for (int k = 0; k == 0 || k * step + overlap < seconds; k++) {
            double start = k * step;
            double end = Math.min(seconds, start + length);
            double ownFrom = k == 0 ? 0 : start + overlap / 2;
            boolean last = end >= seconds;
            double ownTo = last ? Double.MAX_VALUE : end - overlap / 2;
            chunks.add(new Chunk(k, start, end, ownFrom, ownTo));
            if (last) break;
        }
        return chunks;
    }

    /** Seconds of 16 kHz mono s16le in a file of this many bytes. */
    public static double seconds(long bytes) {
        return (double) bytes / BYTES_PER_SECOND;
    }

    /** Writes the chunk's part of the headerless PCM file as a WAV file (44-byte RIFF header + the samples). */
    public static void writeWav(Path pcm, Chunk chunk, Path wav) throws IOException {
        long from = Math.round(chunk.start() * FfmpegCommands.SPEECH_SAMPLE_RATE) * 2;
        long to = Math.min(Files.size(pcm), Math.round(chunk.end() * FfmpegCommands.SPEECH_SAMPLE_RATE) * 2);
        long length = Math.max(0, to - from);
        try (FileChannel in = FileChannel.open(pcm, StandardOpenOption.READ);
             OutputStream out = Files.newOutputStream(wav)) {
            out.write(header(length));
            in.position(from);
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long left = length;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int n = in.read(buffer);
                if (n < 0) break;
                out.write(buffer.array(), 0, n);
                left -= n;
            }
        }
    }

    static byte[] header(long dataBytes) {
        int rate = FfmpegCommands.SPEECH_SAMPLE_RATE;
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.array();
    }
}
