package io.kinora.captions;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** A video's automatic captions as recorded in {@code auto_captions} (V12): the request and what the step did. */
@ApplicationScoped
@Transactional
public class AutoCaptionRecords implements io.kinora.catalog.application.AutomaticCaptions {
    public enum State { REQUESTED, QUEUED, RUNNING, DONE, SKIPPED, FAILED, REPLACED }

    /** One video's record. */
    public record Record(String videoId, Boolean requested, String lang, State state, String engine, String note,
                         Integer words, Double audioSeconds, Double recognizeSeconds, Long executionId, Instant updatedAt) {
        /** The language of a published automatic track, if there is one. */
        public Optional<String> automaticTrack() {
            return state == State.DONE && lang != null ? Optional.of(lang) : Optional.empty();
        }
    }

    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    public Optional<Record> find(String videoId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT requested, lang,"
                + " state, engine, note, words, audio_seconds, recognize_seconds, execution_id, updated_at FROM auto_captions WHERE video_id = ?")) {
            ps.setString(1, videoId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Boolean requested = rs.getBoolean(1);
                if (rs.wasNull()) requested = null;
                Integer words = rs.getInt(6);
                if (rs.wasNull()) words = null;
                Double audio = rs.getDouble(7);
                if (rs.wasNull()) audio = null;
                Double recognize = rs.getDouble(8);
                if (rs.wasNull()) recognize = null;
                Long execution = rs.getLong(9);
                if (rs.wasNull()) execution = null;
                return Optional.of(new Record(videoId, requested, rs.getString(2), State.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), words, audio, recognize, execution, rs.getTimestamp(10).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("auto_captions of " + videoId + ": " + e.getMessage(), e);
        }
    }

    /** The upload's or the owner's request (state REQUESTED, or QUEUED for a job of its own); any earlier outcome goes. */
    public void request(String videoId, Boolean requested, String lang, State state) {
        upsert(videoId, requested, lang, state, null, null, null, null, null, null);
    }

    public void attachExecution(String videoId, long executionId) {
        update(videoId, "execution_id = ?", ps -> ps.setLong(1, executionId));
    }

    public void running(String videoId, String engine, String lang, long executionId) {
        update(videoId, "state = 'RUNNING', engine = ?, lang = ?, execution_id = ?, note = NULL", ps -> {
            ps.setString(1, engine);
            ps.setString(2, lang);
            ps.setLong(3, executionId);
        });
    }

    public void done(String videoId, String engine, String lang, int words, double audioSeconds, double recognizeSeconds, String note) {
        update(videoId, "state = 'DONE', engine = ?, lang = ?, words = ?, audio_seconds = ?, recognize_seconds = ?, note = ?", ps -> {
            ps.setString(1, engine);
            ps.setString(2, lang);
            ps.setInt(3, words);
            ps.setDouble(4, audioSeconds);
            ps.setDouble(5, recognizeSeconds);
            ps.setString(6, note);
        });
    }

    /** Ended without a track: SKIPPED or FAILED, with a sentence saying why. */
    public void ended(String videoId, State state, String engine, String note) {
        update(videoId, "state = ?, engine = ?, note = ?", ps -> {
            ps.setString(1, state.name());
            ps.setString(2, engine);
            ps.setString(3, note.length() > 1000 ? note.substring(0, 1000) : note);
        });
    }

    @Override
    public java.util.Set<String> automaticLanguages(String videoId) {
        return find(videoId).flatMap(Record::automaticTrack).map(java.util.Set::of).orElse(java.util.Set.of());
    }

    /** The owner uploaded or deleted captions (fired before the master playlist is rewritten). */
    void onOwnerCaptions(@jakarta.enterprise.event.Observes io.kinora.catalog.application.OwnerCaptionsChanged changed) {
        ownerChanged(changed.videoId(), changed.lang());
    }

    /** The owner uploaded or removed captions in {@code lang}: an automatic track of that language is theirs now. */
    public void ownerChanged(String videoId, String lang) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE auto_captions"
                + " SET state = 'REPLACED', note = ?, updated_at = ? WHERE video_id = ? AND state = 'DONE' AND lang = ?")) {
            ps.setString(1, "the owner replaced the automatic " + lang + " captions");
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, videoId);
            ps.setString(4, lang);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("auto_captions of " + videoId + ": " + e.getMessage(), e);
        }
    }

    private interface Binder { void bind(PreparedStatement ps) throws SQLException; }

    /** Updates the row (made first if missing: a video uploaded before V12, or with the configuration's default). */
    private void update(String videoId, String set, Binder binder) {
        if (find(videoId).isEmpty()) upsert(videoId, null, null, State.REQUESTED, null, null, null, null, null, null);
        int params = (int) set.chars().filter(ch -> ch == '?').count();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE auto_captions SET "
                + set + ", updated_at = ? WHERE video_id = ?")) {
            binder.bind(ps);
            ps.setTimestamp(params + 1, Timestamp.from(Instant.now()));
            ps.setString(params + 2, videoId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("auto_captions of " + videoId + ": " + e.getMessage(), e);
        }
    }

    private void upsert(String videoId, Boolean requested, String lang, State state, String engine, String note,
                        Integer words, Double audio, Double cpu, Long execution) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM auto_captions WHERE video_id = ?")) {
                del.setString(1, videoId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auto_captions (video_id, requested, lang, state, engine,"
                    + " note, words, audio_seconds, recognize_seconds, execution_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, videoId);
                if (requested == null) ps.setNull(2, Types.BOOLEAN); else ps.setBoolean(2, requested);
                ps.setString(3, lang);
                ps.setString(4, state.name());
                ps.setString(5, engine);
                ps.setString(6, note);
                if (words == null) ps.setNull(7, Types.INTEGER); else ps.setInt(7, words);
                if (audio == null) ps.setNull(8, Types.DOUBLE); else ps.setDouble(8, audio);
                if (cpu == null) ps.setNull(9, Types.DOUBLE); else ps.setDouble(9, cpu);
                if (execution == null) ps.setNull(10, Types.BIGINT); else ps.setLong(10, execution);
                ps.setTimestamp(11, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("auto_captions of " + videoId + ": " + e.getMessage(), e);
        }
    }
}
