package io.kinora.ingest.tus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where tus uploads live: {@code <data>/uploads/tus/<uuid>/data} (the bytes so far) and
 * {@code info.properties} beside it. Both survive a restart; the info file is replaced atomically
 * after an fsync so a crash leaves the old or the new version, never half of one.
 */
@ApplicationScoped
public class TusFiles {
    @Inject @ConfigProperty(name = "kinora.data.dir", defaultValue = "./kinora-data")
    String dataDir;

    Path root() {
        return Path.of(dataDir).toAbsolutePath().resolve("uploads").resolve("tus");
    }

    /** Only our own UUIDs name directories: anything else from a URL is simply unknown. */
    Optional<Path> dir(String id) {
        try {
            if (!UUID.fromString(id).toString().equals(id)) return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(root().resolve(id));
    }

    Path data(String id) { return root().resolve(id).resolve("data"); }

    long offset(TusUpload u) throws IOException {
        Path d = data(u.id());
        return Files.exists(d) ? Files.size(d) : (u.completed() && u.length() != null ? u.length() : 0);
    }

    Optional<TusUpload> load(String id) throws IOException {
        Optional<Path> dir = dir(id);
        if (dir.isEmpty() || !Files.isRegularFile(dir.get().resolve("info.properties"))) return Optional.empty();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.get().resolve("info.properties"))) {
            p.load(in);
        }
        String len = p.getProperty("length");
        String meta = p.getProperty("metadata", "");
        return Optional.of(new TusUpload(id, Long.parseLong(p.getProperty("owner")),
                len == null ? null : Long.parseLong(len), meta, TusMetadata.stored(meta),
                Instant.parse(p.getProperty("expires")), p.getProperty("video"),
                p.getProperty("created") == null ? null : Instant.parse(p.getProperty("created"))));
    }

    void create(TusUpload u) throws IOException {
        Path dir = Files.createDirectories(root().resolve(u.id()));
        Files.createFile(dir.resolve("data"));
        save(u);
    }

    void save(TusUpload u) throws IOException {
        Properties p = new Properties();
        p.setProperty("owner", Long.toString(u.ownerId()));
        if (u.length() != null) p.setProperty("length", Long.toString(u.length()));
        p.setProperty("metadata", u.metadata() == null ? "" : u.metadata());
        p.setProperty("expires", u.expires().toString());
        if (u.videoId() != null) p.setProperty("video", u.videoId());
        if (u.created() != null) p.setProperty("created", u.created().toString());
        Path dir = root().resolve(u.id());
        Path tmp = dir.resolve("info.properties.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            p.store(out, null);
            out.flush();
            ch.force(true);
        }
        Files.move(tmp, dir.resolve("info.properties"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void delete(String id) throws IOException {
        Optional<Path> dir = dir(id);
        if (dir.isEmpty() || !Files.exists(dir.get())) return;
        try (Stream<Path> s = Files.walk(dir.get())) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    List<String> ids() {
        if (!Files.isDirectory(root())) return List.of();
        try (Stream<Path> s = Files.list(root())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> dir(n).isPresent()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
