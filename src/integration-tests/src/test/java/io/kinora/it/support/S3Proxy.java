package io.kinora.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real S3 server for the integration tests: s3proxy (copied to target/s3proxy.jar by the build) as a
 * subprocess, storing on the filesystem (jclouds "filesystem" provider: one file per object under
 * {@code basedir/bucket/key}), so a test can see exactly which objects a bucket holds. If it cannot start
 * the test fails: an S3 path never exercised must not look green.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String IDENTITY = "kinora-it";
    public static final String CREDENTIAL = "kinora-it-secret";

    private final Path data;
    private final String endpoint;
    private final Process process;

    private S3Proxy(Path data, String endpoint, Process process) {
        this.data = data;
        this.endpoint = endpoint;
        this.process = process;
    }

    /** Starts s3proxy over {@code dir} (its data and log go there) and waits until it listens. */
    public static S3Proxy start(Path dir) {
        String jar = System.getProperty("kinora.it.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy jar not found (kinora.it.s3proxy.jar = " + jar + "); run through Maven");
        }
        try {
            var launched = io.kinora.testsupport.S3ProxyServer.launch(jar, dir, IDENTITY, CREDENTIAL);
            return new S3Proxy(launched.data(), launched.endpoint(), launched.process());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        }
    }

    public String endpoint() { return endpoint; }

    /** The settings that make a Kinora server store everything in {@code bucket} of this S3 server. */
    public Map<String, String> kinoraSettings(String bucket) {
        return Map.of("kinora.storage.type", "s3", "kinora.s3.endpoint", endpoint, "kinora.s3.access-key", IDENTITY,
                "kinora.s3.secret-key", CREDENTIAL, "kinora.s3.bucket", bucket, "kinora.s3.region", "us-east-1");
    }

    /** Keys of the objects in a bucket under a prefix, read from s3proxy's filesystem backend. */
    public List<String> keys(String bucket, String prefix) {
        Path root = data.resolve(bucket);
        if (!Files.isDirectory(root)) return List.of();
        List<String> keys = new ArrayList<>();
        try {
            // the job may still be writing (thumbnails, report): jclouds writes "<key>-<uuid>" and renames it into
            // place, so such a file is an upload in flight, not an object, and may vanish while we walk
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    String key = root.relativize(f).toString().replace('\\', '/');
                    if (attrs.isRegularFile() && key.startsWith(prefix) && !IN_FLIGHT.matcher(key).find()) keys.add(key);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys.stream().sorted().toList();
    }

    private static final Pattern IN_FLIGHT = Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
