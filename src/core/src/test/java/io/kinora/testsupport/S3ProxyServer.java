package io.kinora.testsupport;

import io.kinora.storage.S3ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 server for tests: s3proxy (copied to target/ by the build) run as a subprocess over a
 * temp directory. Register with {@code @RegisterExtension static}. If it cannot start, the tests
 * fail: an S3 store that was never exercised must not look green.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {

    public static final String IDENTITY = "kinora-test";
    public static final String CREDENTIAL = "kinora-test-secret";
    private static final long START_TIMEOUT_MS = 60_000;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private Process process;
    private Path dir;
    private String endpoint;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String jar = System.getProperty("kinora.test.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy jar not found (system property kinora.test.s3proxy.jar = " + jar
                    + "); run the tests through Maven, which copies it to target/s3proxy.jar");
        }
        dir = Files.createTempDirectory("kinora-s3proxy-");
        Launched launched = launch(jar, dir, IDENTITY, CREDENTIAL);
        process = launched.process();
        endpoint = launched.endpoint();
    }

    /** A running s3proxy: the process, its endpoint and the directory holding its buckets (one file per object). */
    public record Launched(Process process, String endpoint, Path data) { }

    /**
     * Starts s3proxy from {@code jar} over {@code dir} (data, settings and log go there) on a free loopback port,
     * storing on the filesystem, and waits until it listens; fails loudly (with its log) when it does not.
     */
    public static Launched launch(String jar, Path dir, String identity, String credential) throws IOException,
            InterruptedException {
        Path data = Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        String endpoint = "http://127.0.0.1:" + port;
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", identity);
        p.setProperty("s3proxy.credential", credential);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", data.toString());
        Path props = dir.resolve("s3proxy.properties");
        try (var out = Files.newOutputStream(props)) {
            p.store(out, null);
        }
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-jar", jar, "--properties", props.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never outlive the JVM
        waitForPort(process, port, log);
        return new Launched(process, endpoint, data);
    }

    private static void waitForPort(Process process, int port, Path log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("s3proxy did not listen on " + port + " within " + START_TIMEOUT_MS + " ms:\n"
                + tail(log));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /** A bucket name no other test uses, so that tests stay independent. */
    public static String uniqueBucket() {
        return "kinora-test-" + BUCKETS.incrementAndGet();
    }

    /** A store on a fresh bucket, created through the production factory. */
    public S3ObjectStore newStore() throws IOException {
        return S3ObjectStore.connect(endpoint, "us-east-1", IDENTITY, CREDENTIAL, uniqueBucket());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
