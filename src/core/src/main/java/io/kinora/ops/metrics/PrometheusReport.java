package io.kinora.ops.metrics;

import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.Encoders;
import io.kinora.encode.application.JobHistory;
import io.kinora.storage.ObjectStore;
import io.kinora.tracing.Histogram;
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
 * The Prometheus text exposition (format 0.0.4, or OpenMetrics 1.0 when asked) for GET /metrics. Gauges that live in the database or the broker
 * are read on each scrape (a scrape every 15 s or so costs a few small queries); a source that fails is
 * reported as kinora_scrape_error{source=...} 1 instead of failing the whole scrape.
 */
@ApplicationScoped
public class PrometheusReport {
    private static final Logger LOG = Logger.getLogger(PrometheusReport.class.getName());

    @Inject OpsCounters counters;
    @Inject io.kinora.encode.application.PieceEncodeSeconds pieceSeconds;
    @Inject io.kinora.encode.application.JobSeconds jobSeconds;
    @Inject ReadySeconds readySeconds;
    @Inject io.kinora.ingest.application.UploadSeconds uploadSeconds;
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

    /** The Prometheus text format 0.0.4. */
    public String render() {
        return render(false);
    }

    /**
     * {@code openMetrics}: OpenMetrics 1.0 instead (what Prometheus asks for when it stores exemplars), the same
     * samples, with exemplars (the trace of a bucket's latest traced observation) on the histograms' buckets.
     */
    public String render(boolean om) {
        StringBuilder out = new StringBuilder();
        java.util.List<String> failed = new java.util.ArrayList<>();
        guarded(out, failed, "jobs", () -> {
            help(out, om, "kinora_jobs", "gauge", "Encode job executions by batch status");
            for (Map.Entry<String, Long> e : jobs.countByStatus().entrySet()) {
                out.append("kinora_jobs{state=\"").append(e.getKey()).append("\"} ").append(e.getValue()).append('\n');
            }
        });
        guarded(out, failed, "queues", () -> {
            help(out, om, "kinora_queue_depth", "gauge", "Messages waiting per JMS queue (dlq: dead letters)");
            out.append("kinora_queue_depth{queue=\"ingest\"} ").append(depth(ingest)).append('\n');
            out.append("kinora_queue_depth{queue=\"dlq\"} ").append(depth(deadLetters)).append('\n');
        });
        help(out, om, "kinora_pieces_encoded_total", "counter", "Pieces encoded on this node (one per rendition and piece)");
        out.append("kinora_pieces_encoded_total ").append(encoders.piecesEncoded()).append('\n');
        histogram(out, om, "kinora_piece_encode_seconds",
                "Wall-clock seconds of the piece encodes on this node (one work item: a piece's renditions)",
                Map.of("", pieceSeconds));
        histogram(out, om, "kinora_job_seconds", "Seconds of the encode jobs that completed on this node, start to end",
                Map.of("", jobSeconds));
        histogram(out, om, "kinora_ready_seconds",
                "Seconds from a video's upload (its creation) to READY, on the node that published it", Map.of("", readySeconds));
        Map<String, Histogram> uploads = new java.util.TreeMap<>();
        uploadSeconds.byWay().forEach((way, h) -> uploads.put("via=\"" + way + "\"", h));
        histogram(out, om, "kinora_upload_seconds",
                "Seconds of the uploads received on this node: one request's body, or a tus upload from creation to last byte",
                uploads);
        help(out, om, "kinora_encode_seconds_per_video_second", "summary",
                "Wall-clock seconds from upload to COMPLETED per second of video");
        out.append("kinora_encode_seconds_per_video_second_sum ")
                .append(counters.encodeRatioSum())
                .append('\n');
        out.append("kinora_encode_seconds_per_video_second_count ").append(counters.encodedVideos()).append('\n');
        help(out, om, "kinora_encoders_busy", "gauge", "Encode items (a piece's renditions, or an audio track) running on this node");
        out.append("kinora_encoders_busy ").append(encoders.busy()).append('\n');
        help(out, om, "kinora_encode_slots", "gauge", "Encode items this node encodes side by side (its encoders)");
        out.append("kinora_encode_slots ").append(EncodeSettings.slots()).append('\n');
        help(out, om, "kinora_uploads_in_flight", "gauge", "Upload requests whose body is being received");
        out.append("kinora_uploads_in_flight ").append(counters.uploadsInFlight()).append('\n');
        help(out, om, "kinora_rate_limited_total", "counter", "Requests refused with 429, by category");
        for (String category : new String[] {"upload", "auth"}) {
            out.append("kinora_rate_limited_total{category=\"").append(category).append("\"} ")
                    .append(counters.rateLimitedCount(category)).append('\n');
        }
        help(out, om, "kinora_http_problems_total", "counter", "Error answers (problem+json) by status and code");
        counters.problems().forEach((key, n) -> {
            int bar = key.indexOf('|');
            out.append("kinora_http_problems_total{status=\"").append(key, 0, bar).append("\",code=\"")
                    .append(label(key.substring(bar + 1))).append("\"} ").append(n).append('\n');
        });
        guarded(out, failed, "database", () -> {
            help(out, om, "kinora_video_failures", "gauge", "Failed videos by failure code (errors by type)");
            query("SELECT failure_code, COUNT(*) FROM video WHERE status = 'FAILED' GROUP BY failure_code", rs -> out
                    .append("kinora_video_failures{code=\"").append(label(rs.getString(1))).append("\"} ")
                    .append(rs.getLong(2)).append('\n'));
            help(out, om, "kinora_videos", "gauge", "Videos by status");
            query("SELECT status, COUNT(*) FROM video GROUP BY status", rs -> out.append("kinora_videos{status=\"")
                    .append(label(rs.getString(1))).append("\"} ").append(rs.getLong(2)).append('\n'));
            help(out, om, "kinora_stored_bytes", "gauge", "Bytes stored for all videos (" + store.kind() + " store)");
            query("SELECT COALESCE(SUM(stored_bytes), 0) FROM video", rs -> out.append("kinora_stored_bytes ")
                    .append(rs.getLong(1)).append('\n'));
        });
        if (!failed.isEmpty()) {
            help(out, om, "kinora_scrape_error", "gauge", "A source of this scrape that failed (its samples are missing)");
            for (String source : failed) out.append("kinora_scrape_error{source=\"").append(source).append("\"} 1\n");
        }
        if (om) out.append("# EOF\n");
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

    private static void guarded(StringBuilder out, java.util.List<String> failed, String source, Section s) {
        int mark = out.length();
        try {
            s.write();
        } catch (Exception e) {
            out.setLength(mark);
            LOG.log(Level.FINE, "metrics source " + source + " failed", e);
            failed.add(source);
        }
    }

    /**
     * One histogram family, a series per label set ("" for none): cumulative buckets up to +Inf, sum, count; in
     * OpenMetrics each bucket with its exemplar, as {@code # {trace_id="..."} value timestamp}.
     */
    static void histogram(StringBuilder out, boolean om, String name, String help, Map<String, Histogram> series) {
        help(out, om, name, "histogram", help);
        series.forEach((labels, h) -> {
            String inBraces = labels.isEmpty() ? "" : "{" + labels + "}";
            double[] bounds = h.bounds();
            long[] cumulative = h.cumulative();
            for (int i = 0; i < cumulative.length; i++) {
                out.append(name).append("_bucket{").append(labels.isEmpty() ? "" : labels + ",").append("le=\"")
                        .append(i < bounds.length ? Double.toString(bounds[i]) : "+Inf").append("\"} ").append(cumulative[i]);
                Histogram.Exemplar e = om ? h.exemplar(i) : null;
                if (e != null) {
                    out.append(" # {trace_id=\"").append(e.traceId()).append("\"} ").append(e.value()).append(' ')
                            .append(e.epochMillis() / 1000).append('.')
                            .append(String.format(java.util.Locale.ROOT, "%03d", e.epochMillis() % 1000));
                }
                out.append('\n');
            }
            out.append(name).append("_sum").append(inBraces).append(' ').append(h.sum()).append('\n');
            out.append(name).append("_count").append(inBraces).append(' ').append(cumulative[cumulative.length - 1]).append('\n');
        });
    }

    /** In OpenMetrics a counter's family is named without its samples' {@code _total}. */
    private static void help(StringBuilder out, boolean om, String name, String type, String help) {
        if (om && type.equals("counter") && name.endsWith("_total")) name = name.substring(0, name.length() - "_total".length());
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String label(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
