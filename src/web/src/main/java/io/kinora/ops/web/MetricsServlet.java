package io.kinora.ops.web;

import io.kinora.ops.metrics.PrometheusReport;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Prometheus scrape target at exactly /metrics (outside /api, where scrapers look by default). A scraper that accepts
 * OpenMetrics (Prometheus does with exemplar storage on) gets it, with the histograms' exemplars; others get 0.0.4.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {
    @Inject PrometheusReport report;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String accept = req.getHeader("Accept");
        boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
        byte[] body = report.render(openMetrics).getBytes(StandardCharsets.UTF_8);
        resp.setContentType(openMetrics ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
