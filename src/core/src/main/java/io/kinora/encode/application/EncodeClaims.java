package io.kinora.encode.application;

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
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/**
 * At most one live encode execution per video, whichever node or path starts it (a redelivered dispatch, a retry,
 * start-up recovery, an operator's restart). A node claims the video in one conditional statement before it asks
 * JBeret for an execution; the claim then names the execution and is kept alive by the node's heartbeat
 * ({@link EncodeLeases}); it is released when the job ends. A claim is free when nobody holds it, when its execution
 * is no longer running in the shared job repository, or when its node stopped beating for longer than the lease.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED) // each statement commits alone: a refused insert spoils no caller's transaction
public class EncodeClaims {
    /** JBeret's batch statuses of an execution that is still running, as an SQL list. */
    static final String RUNNING = "('STARTING','STARTED','STOPPING')";

    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @Inject @ConfigProperty(name = "kinora.encode.lease-seconds", defaultValue = "30")
    int leaseSeconds;

    /** A held claim: the video, its execution (null while starting), the node and its last heartbeat. */
    public record Claim(String videoId, Long executionId, String node, Instant heartbeat, String dispatchId) { }

    public Duration lease() { return Duration.ofSeconds(leaseSeconds); }

    /**
     * Claims the video for {@code node}; true when this node may start (or restart) its job now. Refused while another
     * claim is alive: held by a beating node for an execution that is running, or just being started.
     */
    public boolean claim(String videoId, String node, String dispatchId) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp stale = Timestamp.from(Instant.now().minus(lease()));
        if (dispatchId != null && find(videoId).map(Claim::dispatchId).filter(dispatchId::equals).isPresent()) {
            return false; // this dispatch already started the video's job: a redelivery or a duplicate
        }
        try (Connection c = dataSource.getConnection()) {
            // take the row over if its holder is gone, in one statement (the row lock decides races) ...
            try (PreparedStatement ps = c.prepareStatement("UPDATE encode_claim SET execution_id = NULL, node = ?,"
                    + " heartbeat_at = ?, dispatch_id = COALESCE(CAST(? AS VARCHAR(128)), dispatch_id) WHERE video_id = ? AND (heartbeat_at < ?"
                    + " OR (execution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM JOB_EXECUTION e"
                    + " WHERE e.JOBEXECUTIONID = encode_claim.execution_id AND e.BATCHSTATUS IN " + RUNNING + ")))")) {
                ps.setString(1, node);
                ps.setTimestamp(2, now);
                ps.setString(3, dispatchId);
                ps.setString(4, videoId);
                ps.setTimestamp(5, stale);
                if (ps.executeUpdate() == 1) return true;
            } catch (SQLException noJobRepositoryYet) {
                // JBeret creates JOB_EXECUTION on first use: before that, no execution can be running
            }
            // ... or create it; a row that exists (a live claim, or a racing node's) refuses the insert
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO encode_claim (video_id, execution_id, node, heartbeat_at, dispatch_id) VALUES (?, NULL, ?, ?, ?)")) {
                ps.setString(1, videoId);
                ps.setString(2, node);
                ps.setTimestamp(3, now);
                ps.setString(4, dispatchId);
                ps.executeUpdate();
                return true;
            } catch (SQLException taken) {
                return false;
            }
        }
    }

    /** Names the execution the claim is for, once JBeret has created it. */
    public void attach(String videoId, String node, long executionId) throws SQLException {
        update("UPDATE encode_claim SET execution_id = ?, heartbeat_at = ? WHERE video_id = ? AND node = ?",
                executionId, Timestamp.from(Instant.now()), videoId, node);
    }

    /**
     * Gives the claim up (the job ended, or could not start); only the holder's own. The row stays, free (no node, a
     * heartbeat long past), with the id of the dispatch that started the job.
     */
    public void release(String videoId, String node) throws SQLException {
        update("UPDATE encode_claim SET execution_id = NULL, node = '', heartbeat_at = ? WHERE video_id = ? AND node = ?",
                Timestamp.from(Instant.EPOCH.plusSeconds(86400)), videoId, node);
    }

    /** Keeps every claim of this node alive. */
    public int heartbeat(String node) throws SQLException {
        return update("UPDATE encode_claim SET heartbeat_at = ? WHERE node = ?", Timestamp.from(Instant.now()), node);
    }

    /**
     * Moves a claim from a node that stopped beating to {@code node}; true for exactly one taker (the statement
     * checks the heartbeat it saw).
     */
    public boolean takeOver(Claim stale, String node) throws SQLException {
        return update("UPDATE encode_claim SET node = ?, heartbeat_at = ? WHERE video_id = ? AND node = ? AND heartbeat_at = ?",
                node, Timestamp.from(Instant.now()), stale.videoId(), stale.node(), Timestamp.from(stale.heartbeat())) == 1;
    }

    /** Claims of running executions whose node has not beaten for longer than the lease (its node is dead). */
    public List<Claim> orphaned() throws SQLException {
        return query("SELECT video_id, execution_id, node, heartbeat_at, dispatch_id FROM encode_claim c WHERE heartbeat_at < ?"
                + " AND execution_id IS NOT NULL", Timestamp.from(Instant.now().minus(lease())));
    }

    public Optional<Claim> find(String videoId) throws SQLException {
        return query("SELECT video_id, execution_id, node, heartbeat_at, dispatch_id FROM encode_claim WHERE video_id = ?", videoId)
                .stream().findFirst();
    }

    /** The claim that names this execution, if any. */
    public Optional<Claim> forExecution(long executionId) throws SQLException {
        return query("SELECT video_id, execution_id, node, heartbeat_at, dispatch_id FROM encode_claim WHERE execution_id = ?", executionId)
                .stream().findFirst();
    }

    private List<Claim> query(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Claim> claims = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long e = rs.getLong(2);
                    Long execution = rs.wasNull() ? null : e;
                    claims.add(new Claim(rs.getString(1), execution, rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getString(5)));
                }
            }
            return claims;
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
    }
}
