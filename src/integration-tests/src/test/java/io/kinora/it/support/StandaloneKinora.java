package io.kinora.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * A Kinora server of its own, for tests that must kill or restart it: the same provisioned WildFly and
 * EAR as everywhere else, with its own base directory (configuration, deployments, data) and a port
 * offset so it can run beside the Arquillian-managed server. {@link #kill()} is a real SIGKILL.
 */
public final class StandaloneKinora implements AutoCloseable {
    private final Path jbossHome;
    private final Map<String, String> environment;
    private final Path base;
    private final int offset;
    private final Map<String, String> systemProperties;
    private Process process;

    public StandaloneKinora(String name, int portOffset) {
        this(name, portOffset, Map.of());
    }

    /** With extra system properties for the server (-Dkey=value), e.g. another object store. */
    public StandaloneKinora(String name, int portOffset, Map<String, String> systemProperties) {
        this(name, portOffset, systemProperties, Path.of(System.getProperty("jboss.home")), Map.of());
    }

    /** From another WildFly (e.g. one provisioned for a cluster), with environment variables for its scripts. */
    public StandaloneKinora(String name, int portOffset, Map<String, String> systemProperties, Path jbossHome,
                            Map<String, String> environment) {
        this.jbossHome = jbossHome;
        this.environment = Map.copyOf(environment);
        this.base = Path.of(System.getProperty("kinora.it.data.dir"), name).toAbsolutePath();
        this.offset = portOffset;
        this.systemProperties = Map.copyOf(systemProperties);
        try {
            if (!Files.exists(base.resolve("configuration"))) {
                copyTree(jbossHome.resolve("standalone").resolve("configuration"), base.resolve("configuration"));
                Files.createDirectories(base.resolve("deployments"));
                Files.copy(Deployments.earFile().toPath(), base.resolve("deployments").resolve("kinora.ear"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() { return new Api("http://127.0.0.1:" + (8080 + offset)); }

    /** The server JVM's process id (to pin it to a core). */
    public long pid() { return process.pid(); }

    public Path objects() { return base.resolve("kinora-data").resolve("objects"); }

    /** The scanned deployment directory (the EAR is {@code kinora.ear} in it). */
    public Path deployments() { return base.resolve("deployments"); }

    public void start() {
        launch();
        awaitHealthy(Duration.ofMinutes(3));
    }

    /** Starts the server process and returns at once (for tests of what it answers while it starts). */
    public void launch() {
        StandaloneCommandBuilder cmd = StandaloneCommandBuilder.of(jbossHome)
                .setBaseDirectory(base)
                .setServerConfiguration("standalone-kinora.xml")
                .addJavaOptions("-Xmx1g", "-Djboss.socket.binding.port-offset=" + offset,
                        "-Dkinora.data.dir=" + base.resolve("kinora-data"),
                        "-Dkinora.admin.password=" + Api.ADMIN_PASSWORD,
                        "-Dkinora.batch.threads=" + System.getProperty("kinora.batch.threads", "4"),
                        "-Dkinora.encode.slots=" + System.getProperty("kinora.encode.slots", "2"));
        systemProperties.forEach((k, v) -> cmd.addJavaOption("-D" + k + "=" + v));
        try {
            process = Launcher.of(cmd).addEnvironmentVariables(environment).setRedirectErrorStream(true)
                    .redirectOutput(base.resolve("console-" + System.currentTimeMillis() + ".log")).launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() { return process != null && process.isAlive(); }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("server exited with " + process.exitValue() + "; see " + base);
            try {
                if (api().get("/api/health").status() == 200) return;
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Videos.sleep(500);
        }
        throw new AssertionError("server in " + base + " not healthy within " + timeout);
    }

    /** SIGKILL: no shutdown hook, no graceful anything, exactly like a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: WildFly's graceful shutdown. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) throw new AssertionError("server did not exit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) kill();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
