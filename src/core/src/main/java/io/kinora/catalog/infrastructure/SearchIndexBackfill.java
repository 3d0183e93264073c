package io.kinora.catalog.infrastructure;

import io.kinora.catalog.domain.SearchWords;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Gives search words to videos that have none: rows made before the search index existed (V3), or inserted
 * with SQL (bench/serve). Runs once after start-up in the background, in id order so that a video whose text
 * has no word at all is passed once, not forever. The application writes words for every video it creates or
 * describes; this only catches up.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class SearchIndexBackfill {
    private static final Logger LOG = Logger.getLogger(SearchIndexBackfill.class.getName());
    private static final int BATCH = 500;

    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        timers.createSingleActionTimer(1000, new TimerConfig("search-index-backfill", false));
    }

    /** Autocommit per batch, no transaction: a long catch-up must not run into the transaction timeout. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void backfill() {
        long started = System.nanoTime();
        int videos = 0;
        String last = "";
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT v.id, v.title, v.description FROM video v"
                     + " WHERE v.id > ? AND NOT EXISTS (SELECT 1 FROM video_word w WHERE w.video_id = v.id)"
                     + " ORDER BY v.id FETCH FIRST " + BATCH + " ROWS ONLY");
             PreparedStatement insert = c.prepareStatement("INSERT INTO video_word (video_id, word) VALUES (?, ?)")) {
            while (true) {
                int rows = 0;
                select.setString(1, last);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        last = rs.getString(1);
                        for (String word : SearchWords.of(rs.getString(2), rs.getString(3))) {
                            insert.setString(1, last);
                            insert.setString(2, word);
                            insert.addBatch();
                        }
                    }
                }
                if (rows == 0) break;
                insert.executeBatch();
                if (videos == 0) LOG.info("Search index: giving words to videos that have none");
                videos += rows;
            }
        } catch (SQLException e) {
            // another node catching up at the same time, most likely; the next start finishes the job
            LOG.log(Level.WARNING, "Search index: catch-up stopped after " + videos + " videos", e);
            return;
        }
        if (videos > 0) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            int n = videos;
            LOG.info(() -> "Search index: caught up, " + n + " videos indexed in " + ms + " ms");
        }
    }
}
