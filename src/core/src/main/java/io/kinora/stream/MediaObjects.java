package io.kinora.stream;

import io.kinora.problem.ProblemException;
import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The stored media the streaming paths send: what an object is, its bytes (a range of them), its local file if any. */
@ApplicationScoped
public class MediaObjects {
    @Inject ObjectStore store;

    /** One object as a response describes it. */
    public record Media(String key, long size, String etag, Instant lastModified) { }

    /** The object at {@code key}; 404 no-such-file when there is none. */
    public Media require(String key) throws IOException {
        return store.stat(key).map(i -> new Media(i.key(), i.size(), i.etag(), i.lastModified()))
                .orElseThrow(() -> ProblemException.notFound("no-such-file", "not available"));
    }

    /** A small text object (a playlist) whole. */
    public String text(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public void transferTo(String key, long start, long count, OutputStream out) throws IOException {
        store.transferTo(key, start, count, out);
    }

    /** The object's file when the store keeps it on this machine (so the kernel can send it). */
    public Optional<Path> localFile(String key) throws IOException {
        return store.localFile(key);
    }
}
