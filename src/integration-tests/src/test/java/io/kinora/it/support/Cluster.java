package io.kinora.it.support;

import io.kinora.testsupport.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Two Kinora nodes as a cluster runs them, on one machine: one PostgreSQL (application data and the batch job
 * repository), one real Artemis broker (ingest and encode work queues, progress topic), one S3 server, and a copy of
 * the provisioned WildFly configured with the production scripts. One encoder per node, two work items in flight per
 * job (the whole cluster's encoders), a 6 s lease so a dead coordinator is noticed soon.
 */
public final class Cluster implements AutoCloseable {
    public final StandaloneKinora a;
    public final StandaloneKinora b;
    private final PostgresServer postgres = new PostgresServer();
    private final S3Proxy s3;
    private final ArtemisBroker broker;

    private final Map<String, String> extra;

    public Cluster(Path dir, int offsetA, int offsetB) throws IOException, InterruptedException, java.sql.SQLException {
        this(dir, offsetA, offsetB, Map.of());
    }

    /** With system properties of the test's own for both nodes (e.g. where to send traces). */
    public Cluster(Path dir, int offsetA, int offsetB, Map<String, String> extra)
            throws IOException, InterruptedException, java.sql.SQLException {
        this.extra = Map.copyOf(extra);
        postgres.start();
        var db = (org.postgresql.ds.PGSimpleDataSource) postgres.createDatabase("kinora_cluster");
        s3 = S3Proxy.start(Files.createDirectories(dir.resolve("s3proxy")));
        broker = ArtemisBroker.start(Files.createDirectories(dir.resolve("artemis")), 61616 + offsetA);
        Path wildfly = ClusterServer.provision(dir);
        Map<String, String> env = ClusterServer.environment(postgres.jdbcUrl(db.getDatabaseName()), PostgresServer.USER,
                PostgresServer.PASSWORD, broker.port());
        a = new StandaloneKinora("cluster-a", offsetA, node("node-a"), wildfly, env);
        b = new StandaloneKinora("cluster-b", offsetB, node("node-b"), wildfly, env);
    }

    /** Starts A, then B (the first migrates the schema and creates the first admin). */
    public void start() {
        a.start();
        b.start();
    }

    private Map<String, String> node(String name) {
        Map<String, String> p = new HashMap<>(s3.kinoraSettings("kinora-cluster"));
        p.put("jboss.node.name", name);
        p.put("jboss.tx.node.id", name);
        p.put("kinora.encode.slots", "1");
        p.put("kinora.encode.lease-seconds", "6");
        // a long cache: a change made on the other node can only be seen at once through its eviction message
        p.put("kinora.stream.access-cache-seconds", "600");
        p.putAll(extra);
        return p;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, broker, s3}) {
            try {
                c.close();
            } catch (Exception e) {
                // the next one still goes down
            }
        }
        postgres.stop();
    }
}
