package io.kinora.encode.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads what the standard JobOperator does not expose, straight from JBeret's job repository tables in
 * KinoraDS (as EncodeRecovery does): partition executions of a step, and encode executions as a list. The
 * org.jberet runtime classes are not visible to the deployment, the tables are.
 */
@ApplicationScoped
public class JobHistory {
    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    public record Partition(int number, String status, String exitStatus) { }

    public record Execution(long id, String videoId, String status, String exitStatus, Instant created, Instant start,
                            Instant end) { }

    public record Page(List<Execution> items, long total) { }

    public List<Partition> partitions(long stepExecutionId) {
        List<Partition> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT PARTITIONEXECUTIONID, BATCHSTATUS, EXITSTATUS"
                     + " FROM PARTITION_EXECUTION WHERE STEPEXECUTIONID = ? ORDER BY PARTITIONEXECUTIONID")) {
            ps.setLong(1, stepExecutionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Partition(rs.getInt(1), rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read partitions of step " + stepExecutionId, e);
        }
        return out;
    }

    /**
     * Encode executions, newest first; {@code videoIds} null = all (admins), else only executions for those
     * videos. The video id lives in the serialized job parameters, so the filter runs here, not in SQL.
     */
    public Page executions(Set<String> videoIds, String status, int offset, int limit) {
        List<Execution> matching = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT e.JOBEXECUTIONID, e.BATCHSTATUS, e.EXITSTATUS, e.CREATETIME,"
                     + " e.STARTTIME, e.ENDTIME, e.JOBPARAMETERS FROM JOB_EXECUTION e"
                     + " JOIN JOB_INSTANCE i ON e.JOBINSTANCEID = i.JOBINSTANCEID WHERE i.JOBNAME = ?"
                     + (status == null ? "" : " AND e.BATCHSTATUS = ?") + " ORDER BY e.JOBEXECUTIONID DESC")) {
            ps.setString(1, EncodeJobs.JOB);
            if (status != null) ps.setString(2, status);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String videoId = videoId(rs.getString(7));
                    if (videoIds != null && !videoIds.contains(videoId)) continue;
                    matching.add(new Execution(rs.getLong(1), videoId, rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                            instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list encode executions", e);
        }
        int from = Math.min(offset, matching.size());
        return new Page(List.copyOf(matching.subList(from, Math.min(matching.size(), from + limit))), matching.size());
    }

    /** Counts of encode executions per batch status, for metrics. */
    public java.util.Map<String, Long> countByStatus() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT e.BATCHSTATUS, COUNT(*) FROM JOB_EXECUTION e"
                     + " JOIN JOB_INSTANCE i ON e.JOBINSTANCEID = i.JOBINSTANCEID WHERE i.JOBNAME = ? GROUP BY e.BATCHSTATUS")) {
            ps.setString(1, EncodeJobs.JOB);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count encode executions", e);
        }
        return out;
    }

    static String videoId(String parameters) {
        if (parameters == null) return null;
        Properties p = new Properties();
        try {
            p.load(new StringReader(parameters));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return p.getProperty("videoId");
    }

    private static Instant instant(Timestamp t) { return t == null ? null : t.toInstant(); }
}
