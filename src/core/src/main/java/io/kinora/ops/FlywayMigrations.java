package io.kinora.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Kinora's schema migrations (db/migration, Flyway). JBeret keeps its job repository tables in the same
 * database, so the schema may be non-empty before the first migration: baseline at version 0 keeps
 * every Kinora migration applicable.
 */
public final class FlywayMigrations {
    private FlywayMigrations() { }

    /** Migrates and returns the schema version reached; also used by tests against a real PostgreSQL. */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(FlywayMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("binary_collation", postgres(dataSource) ? "COLLATE \"C\"" : ""))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        flyway.migrate();
        var current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /** The few statements that differ by database get their variant through a placeholder, not a second script. */
    private static boolean postgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it", e);
        }
    }
}
