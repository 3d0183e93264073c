package io.kinora.ops.metrics;

import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.Encoders;
import io.kinora.encode.application.JobHistory;
import io.kinora.storage.ObjectStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Enumeration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The Prometheus text exposition (format 0.0.4) for GET /metrics. Gauges that live in the database or the broker
 * are read on each scrape (a scrape every 15 s or so costs a few small queries); a source that fails is
 * reported as kinora_scrape_error{source=...} 1 instead of failing the whole scrape.
 */
@ApplicationScoped
public class PrometheusReport {
    private static final Logger LOG = Logger.getLogger(PrometheusReport.class.getName());

    @Inject OpsCounters counters;
    @Inject io.kinora.encode.application.PieceEncodeSeconds pieceSeconds;
    @Inject Encoders encoders;
    @Inject JobHistory jobs;
    @Inject ObjectStore store;

    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/KinoraIngest")
    Queue ingest;

    @Resource(lookup = "java:/jms/queue/KinoraDLQ")
    Queue deadLetters;

    public String render() {
        StringBuilder out = new StringBuilder();
        guarded(out, "jobs", () -> {
            help(out, "kinora_jobs", "gauge", "Encode job executions by batch status");
            for (Map.Entry<String, Long> e : jobs.countByStatus().entrySet()) {
                out.append("kinora_jobs{state=\"").append(e.getKey()).append("\"} ").append(e.getValue()).append('\n');
            }
        });
        guarded(out, "queues", () -> {
            help(out, "kinora_queue_depth", "gauge", "Messages waiting per JMS queue (dlq: dead letters)");
            out.append("kinora_queue_depth{queue=\"ingest\"} ").append(depth(ingest)).append('\n');
            out.append("kinora_queue_depth{queue=\"dlq\"} ").append(depth(deadLetters)).append('\n');
        });
        help(out, "kinora_pieces_encoded_total", "counter", "Pieces encoded on this node (one per rendition and piece)");
        out.append("kinora_pieces_encoded_total ").append(encoders.piecesEncoded()).append('\n');
        help(out, "kinora_piece_encode_seconds", "histogram",
                "Wall-clock seconds of the piece encodes on this node (one work item: a piece's renditions)");
        double[] bounds = pieceSeconds.bounds();
        long[] cumulative = pieceSeconds.cumulative();
        for (int i = 0; i < cumulative.length; i++) {
            out.append("kinora_piece_encode_seconds_bucket{le=\"").append(i < bounds.length ? Double.toString(bounds[i]) : "+Inf")
                    .append("\"} ").append(cumulative[i]).append('\n');
        }
        out.append("kinora_piece_encode_seconds_sum ").append(pieceSeconds.sum()).append('\n');
        out.append("kinora_piece_encode_seconds_count ").append(cumulative[cumulative.length - 1]).append('\n');
        help(out, "kinora_encode_seconds_per_video_second", "summary",
                "Wall-clock seconds from upload to COMPLETED per second of video");
        out.append("kinora_encode_seconds_per_video_second_sum ")
                .append(counters.encodeRatioSum())
                .append('\n');
        out.append("kinora_encode_seconds_per_video_second_count ").append(counters.encodedVideos()).append('\n');
        help(out, "kinora_encoders_busy", "gauge", "Encode items (a piece's renditions, or an audio track) running on this node");
        out.append("kinora_encoders_busy ").append(encoders.busy()).append('\n');
        help(out, "kinora_encode_slots", "gauge", "Encode items this node encodes side by side (its encoders)");
        out.append("kinora_encode_slots ").append(EncodeSettings.slots()).append('\n');
        help(out, "kinora_uploads_in_flight", "gauge", "Upload requests whose body is being received");
        out.append("kinora_uploads_in_flight ").append(counters.uploadsInFlight()).append('\n');
        help(out, "kinora_rate_limited_total", "counter", "Requests refused with 429, by category");
        for (String category : new String[] {"upload", "auth"}) {
            out.append("kinora_rate_limited_total{category=\"").append(category).append("\"} ")
                    .append(counters.rateLimitedCount(category)).append('\n');
        }
        help(out, "kinora_http_problems_total", "counter", "Error answers (problem+json) by status and code");
        counters.problems().forEach((key, n) -> {
            int bar = key.indexOf('|');
            out.append("kinora_http_problems_total{status=\"").append(key, 0, bar).append("\",code=\"")
                    .append(label(key.substring(bar + 1))).append("\"} ").append(n).append('\n');
        });
        guarded(out, "database", () -> {
            help(out, "kinora_video_failures", "gauge", "Failed videos by failure code (errors by type)");
            query("SELECT failure_code, COUNT(*) FROM video WHERE status = 'FAILED' GROUP BY failure_code", rs -> out
                    .append("kinora_video_failures{code=\"").append(label(rs.getString(1))).append("\"} ")
                    .append(rs.getLong(2)).append('\n'));
            help(out, "kinora_videos", "gauge", "Videos by status");
            query("SELECT status, COUNT(*) FROM video GROUP BY status", rs -> out.append("kinora_videos{status=\"")
                    .append(label(rs.getString(1))).append("\"} ").append(rs.getLong(2)).append('\n'));
            help(out, "kinora_stored_bytes", "gauge", "Bytes stored for all videos (" + store.kind() + " store)");
            query("SELECT COALESCE(SUM(stored_bytes), 0) FROM video", rs -> out.append("kinora_stored_bytes ")
                    .append(rs.getLong(1)).append('\n'));
        });
        return out.toString();
    }

    private long depth(Queue q) throws jakarta.jms.JMSException {
        long n = 0;
        try (JMSContext ctx = connectionFactory.createContext(); var browser = ctx.createBrowser(q)) {
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) n++;
        }
        return n;
    }

    interface Row { void accept(ResultSet rs) throws Exception; }

    private void query(String sql, Row row) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) row.accept(rs);
        }
    }

    interface Section { void write() throws Exception; }

    private static void guarded(StringBuilder out, String source, Section s) {
        int mark = out.length();
        try {
            s.write();
        } catch (Exception e) {
            out.setLength(mark);
            LOG.log(Level.FINE, "metrics source " + source + " failed", e);
            out.append("kinora_scrape_error{source=\"").append(source).append("\"} 1\n");
        }
    }

    private static void help(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String label(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
