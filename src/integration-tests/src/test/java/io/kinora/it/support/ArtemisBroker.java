package io.kinora.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ActiveMQ Artemis broker (the distribution from Maven Central, unpacked by the build) on loopback: an instance
 * created with a login, only the core/OpenWire acceptor, no web console; stopped (killed) on close.
 */
public final class ArtemisBroker implements AutoCloseable {
    public static final String USER = "artemis";
    public static final String PASSWORD = "artemis-it";

    private final Process process;
    private final int port;

    private ArtemisBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ArtemisBroker start(Path dir, int port) {
        Path home = Path.of(System.getProperty("kinora.it.artemis.home"));
        Path instance = dir.resolve("broker");
        try {
            if (!Files.exists(instance)) {
                run(List.of(home.resolve("bin").resolve("artemis").toString(), "create", instance.toString(),
                        "--user", USER, "--password", PASSWORD, "--require-login", "--silent", "--no-web", "--no-autotune",
                        "--host", "127.0.0.1", "--default-port", Integer.toString(port),
                        "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor"),
                        dir.resolve("broker-create.log"));
            }
            ProcessBuilder pb = new ProcessBuilder(instance.resolve("bin").resolve("artemis").toString(), "run")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile());
            pb.environment().put("JAVA_ARGS", "-Xmx256m");
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) throw new AssertionError("broker exited; see " + dir.resolve("broker.log"));
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return new ArtemisBroker(p, port);
                } catch (IOException notYet) {
                    Videos.sleep(300);
                }
            }
            p.destroyForcibly();
            throw new AssertionError("broker not listening on " + port + " in 90 s; see " + dir.resolve("broker.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() { return port; }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
