package io.kinora.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the provisioned WildFly configured for a cluster with the production scripts: PostgreSQL instead of H2
 * ({@code postgresql.cli}, the driver jar from Maven Central) and the shared Artemis broker instead of the embedded one
 * ({@code remote-artemis.cli}). Both nodes of a cluster run from it, each with its own base directory.
 */
public final class ClusterServer {
    private ClusterServer() { }

    public static Path provision(Path dir) {
        Path home = Path.of(System.getProperty("jboss.home"));
        Path copy = dir.resolve("wildfly");
        Path scripts = Path.of(System.getProperty("kinora.it.wildfly.config"));
        try {
            copyTree(home, copy);
            Path log = dir.resolve("provision.log");
            ProcessBuilder pb = new ProcessBuilder("bash", scripts.resolve("provision.sh").toString(), copy.toString(),
                    scripts.resolve("production").resolve("postgresql.cli").toString(),
                    scripts.resolve("production").resolve("remote-artemis.cli").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KINORA_POSTGRESQL_JAR", System.getProperty("kinora.it.postgresql.jar"));
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError("provisioning the cluster server failed: " + Files.readString(log));
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The environment the production scripts read at server start. */
    public static Map<String, String> environment(String jdbcUrl, String dbUser, String dbPassword, int brokerPort) {
        return Map.of("KINORA_DB_URL", jdbcUrl, "KINORA_DB_USER", dbUser, "KINORA_DB_PASSWORD", dbPassword,
                "KINORA_ARTEMIS_HOST", "127.0.0.1", "KINORA_ARTEMIS_PORT", Integer.toString(brokerPort),
                "KINORA_ARTEMIS_USER", ArtemisBroker.USER, "KINORA_ARTEMIS_PASSWORD", ArtemisBroker.PASSWORD);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith(Path.of("standalone", "data")) || rel.startsWith(Path.of("standalone", "log"))
                        || rel.startsWith(Path.of("standalone", "tmp"))) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

}
