package io.kinora.encode.application;

import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves objects between the store and a job's local scratch directory. FFmpeg needs local files;
 * the store is the truth (another node, or this one after a crash, finds everything there).
 */
@ApplicationScoped
public class WorkFiles {
    @Inject
    ObjectStore store;

    @Inject
    EncodeSettings settings;

    public Path workDir(String videoId) throws IOException {
        return Files.createDirectories(settings.workDir(videoId));
    }

    /** Where a job keeps its local copy of the source. */
    public Path localSource(String videoId) throws IOException {
        return workDir(videoId).resolve("source");
    }

    /** A local copy of the object at {@code key}, reusing one already there with the right size. */
    public Path materialize(String key, Path local) throws IOException {
        long size = store.stat(key).orElseThrow(() -> new IOException("missing object " + key)).size();
        if (Files.isRegularFile(local) && Files.size(local) == size) return local;
        Files.createDirectories(local.getParent());
        // a private temp name: two partitions may fetch the same piece at once
        Path tmp = local.resolveSibling(local.getFileName() + ".part-" + java.util.UUID.randomUUID());
        try (InputStream in = store.get(key)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public String readText(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public void writeText(String key, String text, String contentType) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store.put(key, new java.io.ByteArrayInputStream(bytes), bytes.length, contentType);
    }

    /** Removes a video's scratch directory; derived data only. */
    public void deleteWorkDir(String videoId) throws IOException {
        deleteTree(settings.workDir(videoId));
    }

    public void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
