package io.kinora.encode.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps this node's encode claims alive and restarts the executions of dead nodes, so nobody has to click.
 *
 * <p>A killed server leaves its executions STARTED in the shared job repository, where JBeret refuses to restart them.
 * Every few seconds this node beats for its claims ({@link EncodeClaims}); an execution is this node's to recover when
 * it is running in the repository and either (at start-up) this node held it before it restarted, or its claim's
 * node stopped beating for longer than the lease (another node died). The claim is taken over first, in one
 * conditional statement, so exactly one node recovers it; then the execution (its steps and partitions) is marked
 * FAILED with exit status CRASHED and restarted here: the new execution redoes only what is not stored. An execution
 * whose node still beats is never touched.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class EncodeRecovery {
    private static final Logger LOG = Logger.getLogger(EncodeRecovery.class.getName());
    private static final String RUNNING = EncodeClaims.RUNNING;

    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    EncodeJobs jobs;

    @Inject
    EncodeClaims claims;

    @Inject
    ClusterNodes nodes;

    @Inject
    Encoders encoders;

    private final List<Long> recovered = new ArrayList<>();
    private boolean startedUp;

    @PostConstruct
    void schedule() {
        // the first run after deployment completes, so the batch runtime can load the job XML of this application
        long beat = Math.max(1000, claims.lease().toMillis() / 3);
        timers.createIntervalTimer(2000, beat, new TimerConfig("encode-leases", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each update commits before the restart reads it
    void beat() {
        String node = EncodeJobs.node();
        try {
            claims.heartbeat(node);
            nodes.beat(node, encoders.busy());
            List<Long> crashed = new ArrayList<>(startedUp ? List.of() : leftByThisNode(node));
            startedUp = true;
            for (EncodeClaims.Claim orphan : claims.orphaned()) {
                if (running(orphan.executionId()) && claims.takeOver(orphan, node)) {
                    LOG.warning(() -> "Node " + orphan.node() + " stopped beating; " + node + " takes over the encode of "
                            + orphan.videoId());
                    crashed.add(orphan.executionId());
                }
            }
            for (long id : crashed) {
                markCrashed(id);
                long restarted = jobs.restart(id);
                recovered.add(restarted);
                LOG.warning(() -> "Encode execution " + id + " was left running by a dead server; restarted as " + restarted);
            }
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Could not recover crashed encode executions", e);
        }
    }

    public List<Long> recovered() { return List.copyOf(recovered); }

    /** Executions running in the repository from before this JVM began, that were this node's (or nobody's). */
    private List<Long> leftByThisNode(String node) throws SQLException {
        Timestamp jvmStart = new Timestamp(ManagementFactory.getRuntimeMXBean().getStartTime());
        List<Long> ids = new ArrayList<>();
        for (long id : query("SELECT e.JOBEXECUTIONID FROM JOB_EXECUTION e JOIN JOB_INSTANCE i ON e.JOBINSTANCEID = i.JOBINSTANCEID"
                + " WHERE i.JOBNAME = ? AND e.BATCHSTATUS IN " + RUNNING + " AND e.CREATETIME < ?", EncodeJobs.JOB, jvmStart)) {
            Optional<EncodeClaims.Claim> claim = claims.forExecution(id);
            if (claim.isEmpty() || claim.get().node().equals(node)) ids.add(id);
        }
        return ids;
    }

    private boolean running(Long executionId) throws SQLException {
        return executionId != null && !query("SELECT JOBEXECUTIONID FROM JOB_EXECUTION WHERE JOBEXECUTIONID = ? AND BATCHSTATUS IN "
                + RUNNING, executionId).isEmpty();
    }

    private void markCrashed(long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            update(c, "UPDATE PARTITION_EXECUTION SET BATCHSTATUS='FAILED', EXITSTATUS='CRASHED' WHERE BATCHSTATUS IN "
                    + RUNNING + " AND STEPEXECUTIONID IN (SELECT STEPEXECUTIONID FROM STEP_EXECUTION WHERE JOBEXECUTIONID=?)", id);
            update(c, "UPDATE STEP_EXECUTION SET BATCHSTATUS='FAILED', EXITSTATUS='CRASHED', ENDTIME=CURRENT_TIMESTAMP"
                    + " WHERE BATCHSTATUS IN " + RUNNING + " AND JOBEXECUTIONID=?", id);
            update(c, "UPDATE JOB_EXECUTION SET BATCHSTATUS='FAILED', EXITSTATUS='CRASHED', ENDTIME=CURRENT_TIMESTAMP,"
                    + " LASTUPDATEDTIME=CURRENT_TIMESTAMP WHERE JOBEXECUTIONID=?", id);
        }
    }

    private List<Long> query(String sql, Object... args) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().toUpperCase().contains("JOB_EXECUTION")) return ids; // no repository yet
            throw e;
        }
        return ids;
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
