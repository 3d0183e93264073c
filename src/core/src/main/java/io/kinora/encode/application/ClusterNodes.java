package io.kinora.encode.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The nodes of the cluster, from their own beats (kinora_node): which answer, since when, with how many encoders. */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ClusterNodes {
    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @Inject EncodeClaims claims;

    /** One node; {@code busy} of its {@code slots} encoders were busy at its last beat; {@code answering} is false once
     * that beat is older than the encode lease. */
    public record Node(String name, Instant startedAt, Instant lastSeen, int slots, int busy, boolean answering) { }

    /** This node is alive (called with every heartbeat). */
    public void beat(String node, long busy) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        int slots = EncodeSettings.slots();
        Timestamp started = new Timestamp(ManagementFactory.getRuntimeMXBean().getStartTime());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE kinora_node SET last_seen = ?, started_at = ?, slots = ?, busy = ? WHERE name = ?")) {
                ps.setTimestamp(1, now);
                ps.setTimestamp(2, started);
                ps.setInt(3, slots);
                ps.setInt(4, (int) busy);
                ps.setString(5, node);
                if (ps.executeUpdate() == 1) return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO kinora_node (name, started_at, last_seen, slots, busy) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, node);
                ps.setTimestamp(2, started);
                ps.setTimestamp(3, now);
                ps.setInt(4, slots);
                ps.setInt(5, (int) busy);
                ps.executeUpdate();
            } catch (SQLException raced) {
                // the same node name beat twice at once: either row says it is alive
            }
        }
    }

    /** The encoders of the nodes that answer; 0 when none is known (a database error included). */
    public int answeringEncoders() {
        try {
            return all().stream().filter(Node::answering).mapToInt(Node::slots).sum();
        } catch (SQLException e) {
            return 0;
        }
    }

    public List<Node> all() throws SQLException {
        Instant stale = Instant.now().minus(claims.lease());
        List<Node> nodes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, started_at, last_seen, slots, busy FROM kinora_node ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant seen = rs.getTimestamp(3).toInstant();
                nodes.add(new Node(rs.getString(1), rs.getTimestamp(2).toInstant(), seen, rs.getInt(4), rs.getInt(5),
                        seen.isAfter(stale)));
            }
        }
        return nodes;
    }
}
