package io.kinora.encode.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * After a crash, JBeret leaves the dead server's executions STARTED forever and refuses to restart them.
 * At startup Kinora finds encode executions that were running before this JVM began, marks them (and
 * their steps and partitions) FAILED with exit status CRASHED in the job repository, and restarts them:
 * the new execution continues from the checkpoints and the pieces already stored. Nobody has to click.
 *
 * <p>Scope: one node per job repository, or nodes that never share executions. With several nodes on one
 * repository this would need a lease per execution (the job's "node" parameter is recorded for that).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class EncodeRecovery {
    private static final Logger LOG = Logger.getLogger(EncodeRecovery.class.getName());
    private static final String RUNNING = "('STARTING','STARTED','STOPPING')";

    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    EncodeJobs jobs;

    private final List<Long> recovered = new ArrayList<>();

    @PostConstruct
    void schedule() {
        // after deployment completes, so the batch runtime can load the job XML of this application
        timers.createSingleActionTimer(2000, new TimerConfig("encode-recovery", false));
    }

    @Timeout
    void recover() {
        try {
            for (long id : markCrashed()) {
                long restarted = jobs.restart(id);
                recovered.add(restarted);
                LOG.warning(() -> "Encode execution " + id + " was left running by a dead server; restarted as " + restarted);
            }
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Could not recover crashed encode executions", e);
        }
    }

    public List<Long> recovered() { return List.copyOf(recovered); }

    private List<Long> markCrashed() throws Exception {
        Timestamp jvmStart = new Timestamp(ManagementFactory.getRuntimeMXBean().getStartTime());
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getTables(null, null, "%", null).next()) return ids;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT e.JOBEXECUTIONID FROM JOB_EXECUTION e JOIN JOB_INSTANCE i ON e.JOBINSTANCEID = i.JOBINSTANCEID"
                            + " WHERE i.JOBNAME = ? AND e.BATCHSTATUS IN " + RUNNING + " AND e.CREATETIME < ?")) {
                ps.setString(1, EncodeJobs.JOB);
                ps.setTimestamp(2, jvmStart);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            } catch (java.sql.SQLException noRepositoryYet) {
                return ids; // JBeret creates its tables on first use
            }
            for (long id : ids) {
                update(c, "UPDATE PARTITION_EXECUTION SET BATCHSTATUS='FAILED', EXITSTATUS='CRASHED' WHERE BATCHSTATUS IN "
                        + RUNNING + " AND STEPEXECUTIONID IN (SELECT STEPEXECUTIONID FROM STEP_EXECUTION WHERE JOBEXECUTIONID=?)", id);
                update(c, "UPDATE STEP_EXECUTION SET BATCHSTATUS='FAILED', EXITSTATUS='CRASHED', ENDTIME=CURRENT_TIMESTAMP"
                        + " WHERE BATCHSTATUS IN " + RUNNING + " AND JOBEXECUTIONID=?", id);
                update(c, "UPDATE JOB_EXECUTION SET BATCHSTATUS='FAILED', EXITSTATUS='CRASHED', ENDTIME=CURRENT_TIMESTAMP,"
                        + " LASTUPDATEDTIME=CURRENT_TIMESTAMP WHERE JOBEXECUTIONID=?", id);
            }
        }
        return ids;
    }

    private static void update(Connection c, String sql, long id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
