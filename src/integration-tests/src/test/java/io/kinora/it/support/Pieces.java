package io.kinora.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

/** Reads a video's work area in a filesystem store: which encoded pieces exist right now. */
public final class Pieces {
    private Pieces() { }

    /** Encoded pieces stored under objects/videos/{id}/work/enc (complete objects only, not temp files). */
    public static long storedEncodedPieces(Path objectsRoot, String videoId) {
        Path enc = objectsRoot.resolve("videos").resolve(videoId).resolve("work").resolve("enc");
        if (!Files.isDirectory(enc)) return 0;
        try (Stream<Path> files = Files.walk(enc)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("piece-\\d+\\.nut")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Work items of the encode step that still have something to encode: the audio track (a source with sound), and
     * per piece one for the lowest rung (encoded alone) and one for all the others together (Kinora's default
     * grouping, one FFmpeg per item).
     */
    public static long missingItems(Path objectsRoot, String videoId, java.util.List<String> renditionsLowestFirst) {
        Path work = objectsRoot.resolve("videos").resolve(videoId).resolve("work");
        Path enc = work.resolve("enc");
        int pieces = sourcePieces(objectsRoot, videoId);
        long missing = Files.isRegularFile(work.resolve("audio.m4a")) ? 0 : 1; // the tests' sources have sound
        for (int i = 0; i < pieces; i++) {
            String name = String.format("piece-%05d.nut", i);
            java.util.function.Predicate<String> absent = r -> !Files.isRegularFile(enc.resolve(r).resolve(name));
            if (absent.test(renditionsLowestFirst.get(0))) missing++;
            if (renditionsLowestFirst.stream().skip(1).anyMatch(absent)) missing++;
        }
        return missing;
    }

    /** Kinora's own count of pieces encoded on the node (one per rendition and piece), from /metrics. */
    public static long encodedCounter(Api api) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^kinora_pieces_encoded_total (\\S+)$")
                .matcher(api.get("/metrics").body());
        if (!m.find()) throw new AssertionError("kinora_pieces_encoded_total missing from /metrics");
        return (long) Double.parseDouble(m.group(1));
    }

    /** Number of source pieces, from the job's manifest; -1 while it does not exist yet. */
    public static int sourcePieces(Path objectsRoot, String videoId) {
        Path manifest = objectsRoot.resolve("videos").resolve(videoId).resolve("work").resolve("pieces.csv");
        try {
            return Files.exists(manifest) ? (int) Files.readAllLines(manifest).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).count() : -1; // "#timeline ..." is no piece
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
