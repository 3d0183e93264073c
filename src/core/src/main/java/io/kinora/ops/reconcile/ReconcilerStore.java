package io.kinora.ops.reconcile;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The reconciler's lease row and its log of actions (V8), each statement committed on its own. */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ReconcilerStore {
    static final String LEASE = "reconciler";

    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    /** One thing a pass did. */
    public record Action(Instant at, String node, String kind, String subject, String detail) { }

    /** Takes (or renews) the lease for {@code ttl}: true for exactly one node while it is held. */
    public boolean take(String node, Duration ttl) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE maintenance_lease SET node = ?, expires_at = ? WHERE name = ? AND (node = ? OR node IS NULL OR expires_at < ?)")) {
            ps.setString(1, node);
            ps.setTimestamp(2, Timestamp.from(now.toInstant().plus(ttl)));
            ps.setString(3, LEASE);
            ps.setString(4, node);
            ps.setTimestamp(5, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives the lease back at the end of a pass, so another node need not wait for it to expire. */
    public void release(String node) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE maintenance_lease SET node = NULL WHERE name = ? AND node = ?")) {
            ps.setString(1, LEASE);
            ps.setString(2, node);
            ps.executeUpdate();
        }
    }

    public Action record(String node, String kind, String subject, String detail) throws SQLException {
        Action a = new Action(Instant.now(), node, kind, subject, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO reconciler_action (done_at, node, kind, subject, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(a.at()));
            ps.setString(2, node);
            ps.setString(3, kind);
            ps.setString(4, subject);
            ps.setString(5, a.detail());
            ps.executeUpdate();
        }
        return a;
    }

    public List<Action> recent(int limit) throws SQLException {
        List<Action> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT done_at, node, kind, subject, detail FROM reconciler_action ORDER BY done_at DESC, id DESC")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new Action(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return list;
    }

    /** Videos PROCESSING whose latest encode execution ended FAILED or ABANDONED before {@code endedBefore}. */
    public List<String[]> stuckVideos(Instant endedBefore) throws SQLException {
        List<String[]> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT v.id, e.BATCHSTATUS FROM video v JOIN JOB_EXECUTION e ON e.JOBEXECUTIONID = v.job_execution_id"
                        + " WHERE v.status = 'PROCESSING' AND e.BATCHSTATUS IN ('FAILED', 'ABANDONED') AND COALESCE(e.ENDTIME, e.LASTUPDATEDTIME) < ?")) {
            ps.setTimestamp(1, Timestamp.from(endedBefore));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) list.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().toUpperCase().contains("JOB_EXECUTION")) return list; // no repository yet
            throw e;
        }
        return list;
    }
}
