package io.kinora.encode.application;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * BANDWIDTH and AVERAGE-BANDWIDTH measured on the real segments (bits per second): the peak over any
 * segment, and the whole rendition's average, as the HLS spec defines them.
 */
public record Bandwidth(long peak, long average) {
    public static Bandwidth of(Path hlsDir) throws IOException {
        double totalBits = 0, totalSeconds = 0, peak = 0;
        double pending = -1;
        for (String line : Files.readAllLines(hlsDir.resolve("index.m3u8"))) {
            if (line.startsWith("#EXTINF:")) {
                pending = Double.parseDouble(line.substring(8, line.indexOf(',') < 0 ? line.length() : line.indexOf(',')));
            } else if (!line.isBlank() && !line.startsWith("#") && pending > 0) {
                double bits = Files.size(hlsDir.resolve(line.trim())) * 8.0;
                totalBits += bits;
                totalSeconds += pending;
                peak = Math.max(peak, bits / pending);
                pending = -1;
            }
        }
        if (totalSeconds == 0) throw new IOException("no segments in " + hlsDir);
        return new Bandwidth(Math.round(peak), Math.round(totalBits / totalSeconds));
    }
}
