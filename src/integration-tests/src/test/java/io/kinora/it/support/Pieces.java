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
                    .filter(p -> p.getFileName().toString().matches("piece-\\d+\\.mkv")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of source pieces, from the job's manifest; -1 while it does not exist yet. */
    public static int sourcePieces(Path objectsRoot, String videoId) {
        Path manifest = objectsRoot.resolve("videos").resolve(videoId).resolve("work").resolve("pieces.csv");
        try {
            return Files.exists(manifest) ? (int) Files.readAllLines(manifest).stream().filter(l -> !l.isBlank()).count() : -1;
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
