package io.kinora.encode.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.kinora.encode.work.StoredPiece;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Which node encoded each piece (encoded_piece): written by the worker, read by the job view and the admin console. */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED) // a record is a fact of its own, whatever the caller's transaction
public class PieceRecords {
    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    /** One recorded piece. */
    public record Record(String rendition, int piece, String node, long millis, Instant at) { }

    /** Records the pieces as made by {@code node}; each a row, replaced when a piece is made again. */
    public void record(String videoId, List<StoredPiece> pieces, String node, long nanos) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        long millis = nanos / 1_000_000;
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE encoded_piece SET node = ?, millis = ?, encoded_at = ?"
                     + " WHERE video_id = ? AND rendition = ? AND piece_index = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO encoded_piece (video_id, rendition, piece_index,"
                     + " node, millis, encoded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (StoredPiece piece : pieces) {
                update.setString(1, node);
                update.setLong(2, millis);
                update.setTimestamp(3, now);
                update.setString(4, videoId);
                update.setString(5, piece.rendition());
                update.setInt(6, piece.piece());
                if (update.executeUpdate() == 1) continue;
                insert.setString(1, videoId);
                insert.setString(2, piece.rendition());
                insert.setInt(3, piece.piece());
                insert.setString(4, node);
                insert.setLong(5, millis);
                insert.setTimestamp(6, now);
                try {
                    insert.executeUpdate();
                } catch (SQLException raced) {
                    // another node recorded the same piece a moment ago: either record tells the truth
                }
            }
        }
    }

    public List<Record> of(String videoId) throws SQLException {
        List<Record> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT rendition, piece_index,"
                + " node, millis, encoded_at FROM encoded_piece WHERE video_id = ? ORDER BY rendition, piece_index")) {
            ps.setString(1, videoId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new Record(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return list;
    }

    /** A deleted video's records go with it. */
    public void forget(String videoId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM encoded_piece WHERE video_id = ?")) {
            ps.setString(1, videoId);
            ps.executeUpdate();
        }
    }
}
