package io.kinora.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real, throwaway PostgreSQL cluster for one test class: {@code initdb} into a temporary directory,
 * {@code pg_ctl start} on a free loopback port, {@code pg_ctl stop} and delete afterwards.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PostgresServer postgres = new PostgresServer();
 * ...
 * DataSource ds = postgres.createDatabase("kinora_x");
 * </pre>
 *
 * The server binaries come from the Debian package {@code postgresql} ({@code /usr/lib/postgresql/N/bin},
 * highest N wins) or from the directory named by the system property {@code kinora.test.postgres.bin}
 * / environment variable {@code KINORA_TEST_POSTGRES_BIN}. Without them the test FAILS: a database test
 * that silently skips proves nothing. PostgreSQL refuses to run as root, so under root (CI containers)
 * the cluster belongs to the OS user {@code postgres} (created by the package) or else {@code nobody}.
 * Durability is switched off (fsync, full_page_writes, synchronous_commit): the data is thrown away anyway.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    public static final String USER = "kinora";
    public static final String PASSWORD = "kinora-test-password";
    private static final Path DEBIAN_BIN_ROOT = Path.of("/usr/lib/postgresql");
    private static final long TIMEOUT_SECONDS = 120;

    private final AtomicInteger databases = new AtomicInteger();
    private Path bin;
    private Path root;
    private Path data;
    private Path log;
    private String osUser; // null: run as the current user
    private int port;
    private Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    public synchronized void start() throws IOException, InterruptedException {
        if (data != null) return;
        bin = findBinaries();
        osUser = isRoot() ? serviceUser() : null;
        // short path under /tmp: the Unix socket path must stay under ~107 bytes, and a non-root
        // service user must be able to reach it (the build directory may sit under /root)
        root = Files.createTempDirectory(Path.of("/tmp"), "kinora-pg-");
        data = root.resolve("data");
        log = root.resolve("postgres.log");
        Path pwfile = root.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (osUser != null) run(List.of("chown", "-R", osUser, root.toString()), false);

        shutdownHook = new Thread(this::stopQuietly, "kinora-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"), true);
        Files.delete(pwfile);

        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken before we bind it
            port = freePort();
            Files.writeString(data.resolve("postgresql.auto.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + port,
                    "unix_socket_directories = '" + root + "'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    "max_connections = 50",
                    "shared_buffers = 32MB",
                    "log_min_messages = warning",
                    ""), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.CREATE);
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(),
                        "-w", "-t", "60", "start"), true);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    public synchronized void stop() throws IOException, InterruptedException {
        if (data == null) return;
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                        "-w", "-t", "60", "stop"), true);
            }
        } finally {
            deleteRecursively(root);
            data = null;
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // already on the way out
                }
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception e) {
            System.err.println("Kinora test PostgreSQL did not stop cleanly: " + e);
        }
    }

    public int port() { return port; }

    public Path binaries() { return bin; }

    public String jdbcUrl(String database) { return "jdbc:postgresql://127.0.0.1:" + port + "/" + database; }

    /** A data source on an existing database (e.g. {@code postgres}) as the cluster's superuser. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        ds.setApplicationName("kinora-tests");
        return ds;
    }

    /** Creates a fresh, empty database (over TCP with a password, as the server will connect). */
    public DataSource createDatabase(String prefix) throws SQLException {
        if (!Pattern.matches("[a-z][a-z0-9_]{0,40}", prefix)) throw new IllegalArgumentException(prefix);
        String name = prefix + "_" + databases.incrementAndGet();
        try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        }
        return dataSource(name);
    }

    // ------------------------------------------------------------------------------------------------

    static Path findBinaries() {
        String configured = Optional.ofNullable(System.getProperty("kinora.test.postgres.bin"))
                .orElse(System.getenv("KINORA_TEST_POSTGRES_BIN"));
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        } else if (Files.isDirectory(DEBIAN_BIN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_BIN_ROOT)) {
                versions.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .sorted(Comparator.comparingDouble((Path p) -> Double.parseDouble(p.getFileName().toString()))
                                .reversed())
                        .map(p -> p.resolve("bin"))
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "PostgreSQL server binaries (initdb, pg_ctl) not found "
                        + (configured != null && !configured.isBlank() ? "in " + configured
                                : "under " + DEBIAN_BIN_ROOT + "/*/bin")
                        + ". These tests need a real PostgreSQL: install the Debian package `postgresql` "
                        + "(apt-get install postgresql; .ci/run does it) or point -Dkinora.test.postgres.bin "
                        + "at a directory containing initdb and pg_ctl."));
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return p.waitFor() == 0 && uid.equals("0");
    }

    private static String serviceUser() throws IOException, InterruptedException {
        for (String candidate : List.of("postgres", "nobody")) {
            Process p = new ProcessBuilder("id", "-u", candidate).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) return candidate;
        }
        throw new IllegalStateException("Running as root, but neither OS user `postgres` nor `nobody` exists "
                + "to own the test PostgreSQL cluster (PostgreSQL refuses to run as root). "
                + "Install the Debian package `postgresql`, which creates the user `postgres`.");
    }

    /** Runs a command (as the cluster's OS user if {@code asServiceUser}); fails with its output. */
    private void run(List<String> command, boolean asServiceUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServiceUser && osUser != null) {
            full.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        if (root != null) pb.directory(root.toFile()); // the service user may not be allowed into our cwd
        Path out = Files.createTempFile("kinora-pg-cmd", ".log");
        try {
            Process p = pb.redirectOutput(out.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Timed out after " + TIMEOUT_SECONDS + "s: " + full + describeOutput(out));
            }
            if (p.exitValue() != 0) {
                throw new IOException("Failed (exit " + p.exitValue() + "): " + full + describeOutput(out));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String describeOutput(Path out) throws IOException {
        StringBuilder sb = new StringBuilder("\n--- output ---\n")
                .append(Files.readString(out, StandardCharsets.UTF_8));
        if (log != null && Files.isReadable(log)) {
            sb.append("\n--- server log ---\n").append(Files.readString(log, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
