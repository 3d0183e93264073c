package io.kinora.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinora.tracing.Histogram;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Histograms on /metrics: cumulative buckets, and exemplars only where the format has them (OpenMetrics). */
class HistogramExpositionTest {
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void bucketsAreCumulativeAndTheTracedBucketCarriesItsTrace() {
        Histogram h = new Histogram(1, 5);
        h.observe(0.5);
        h.observe(3, TRACE);
        h.observe(9);

        StringBuilder text = new StringBuilder();
        PrometheusReport.histogram(text, false, "kinora_x_seconds", "X", Map.of("via=\"tus\"", h));
        assertEquals("""
                # HELP kinora_x_seconds X
                # TYPE kinora_x_seconds histogram
                kinora_x_seconds_bucket{via="tus",le="1.0"} 1
                kinora_x_seconds_bucket{via="tus",le="5.0"} 2
                kinora_x_seconds_bucket{via="tus",le="+Inf"} 3
                kinora_x_seconds_sum{via="tus"} 12.5
                kinora_x_seconds_count{via="tus"} 3
                """, text.toString());

        StringBuilder om = new StringBuilder();
        PrometheusReport.histogram(om, true, "kinora_x_seconds", "X", Map.of("", h));
        assertTrue(om.toString().matches("(?s).*\nkinora_x_seconds_bucket\\{le=\"5.0\"} 2 # \\{trace_id=\"" + TRACE
                + "\"} 3.0 \\d+\\.\\d{3}\n.*"), om.toString());
        assertTrue(om.toString().contains("kinora_x_seconds_bucket{le=\"1.0\"} 1\n"), "no trace, no exemplar: " + om);
        assertTrue(om.toString().contains("kinora_x_seconds_count 3\n"), om.toString());
    }
}
