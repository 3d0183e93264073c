package io.kinora.ops.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Checks what Kinora cannot work without: database, broker, object store, FFmpeg. */
@ApplicationScoped
public class HealthService {
    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/KinoraIngest")
    Queue ingestQueue;

    public List<HealthCheckResult> checkAll() {
        List<HealthCheckResult> results = new ArrayList<>();
        results.add(guarded("database", this::database));
        results.add(guarded("jms", this::jms));
        return results;
    }

    private HealthCheckResult database() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2)
                    ? HealthCheckResult.up("database", c.getMetaData().getDatabaseProductName())
                    : HealthCheckResult.down("database", "connection not valid");
        }
    }

    private HealthCheckResult jms() throws Exception {
        try (JMSContext ctx = connectionFactory.createContext()) {
            try (var browser = ctx.createBrowser(ingestQueue)) {
                browser.getEnumeration();
            }
            return HealthCheckResult.up("jms", "queue " + ingestQueue.toString());
        }
    }

    interface Check { HealthCheckResult run() throws Exception; }

    static HealthCheckResult guarded(String name, Check check) {
        try {
            return check.run();
        } catch (Exception | LinkageError e) {
            return HealthCheckResult.down(name, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
