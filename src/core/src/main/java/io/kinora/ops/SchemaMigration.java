package io.kinora.ops;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings Kinora's schema up to date before anything else touches the database.
 * JBeret keeps its job repository tables in the same database, so the schema may be non-empty
 * before the first migration: baseline at version 0 keeps every Kinora migration applicable.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = FlywayMigrations.migrate(dataSource);
        LOG.info(() -> "Kinora schema at version " + result + " (Flyway)");
    }
}
