package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Deployments;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.OtlpReceiver;
import io.kinora.it.support.OtlpReceiver.Received;
import io.kinora.it.support.Videos;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace per upload: the server exports to an OTLP receiver of the test's own, and the upload's trace (started by
 * the client's {@code traceparent}) runs from the HTTP request through the JMS dispatch, the job, its steps and its
 * work items down to every FFmpeg run, every span of it ended.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingIT {
    static final OtlpReceiver RECEIVER = new OtlpReceiver();
    static final List<String> STEPS = List.of("probe", "segment", "encode", "package", "thumbnails", "report", "cleanup");

    /**
     * Telemetry is read when the application is deployed: switched on for this class's deployment only (the server is
     * shared by every integration test), exporting every 200 ms so the test does not wait for the default batch delay.
     */
    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        Management.setSystemProperty("kinora.otel.endpoint", RECEIVER.endpoint());
        Management.setSystemProperty("otel.bsp.schedule.delay", "200");
        Management.setSystemProperty("kinora.otel.trace-url", "https://jaeger.example/trace/{traceId}");
        return Deployments.ear();
    }

    @AfterAll
    static void telemetryOff() {
        Management.removeSystemProperty("kinora.otel.endpoint");
        Management.removeSystemProperty("otel.bsp.schedule.delay");
        Management.removeSystemProperty("kinora.otel.trace-url");
        RECEIVER.close();
    }

    @TempDir
    static Path dir;

    @Test
    void anUploadIsOneTraceFromTheRequestToEveryFfmpegRun() throws IOException {
        Api api = Api.local();
        String token = api.token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD);
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        String traceId = hex.formatHex(random.generateSeed(16));
        String clientSpan = hex.formatHex(random.generateSeed(8));
        Path src = Media.generate(dir.resolve("traced.mp4"), 320, 180, "25", 9, 2, true);

        Api.Reply created = api.sendBytes("POST", "/api/v1/videos?visibility=UNLISTED&filename=traced.mp4",
                Files.readAllBytes(src), "video/mp4", "Authorization", "Bearer " + token,
                "traceparent", "00-" + traceId + "-" + clientSpan + "-01");
        assertTrue(created.status() == 201 || created.status() == 200, created.toString());
        String id = created.json().getString("id");
        Videos videos = new Videos(api, token);
        List<String> seen = videos.awaitStatus(id, Duration.ofMinutes(5), "COMPLETED", "FAILED");
        JsonObject video = videos.get(id);
        assertEquals("COMPLETED", video.getString("status"), "saw " + seen);
        assertEquals(traceId, video.getJsonObject("trace").getString("id"), "the video shows its trace: " + video);
        assertEquals("https://jaeger.example/trace/" + traceId, video.getJsonObject("trace").getString("url"));

        // the job's span ends last (after cleanup): once it is here, every span of the job has been exported
        List<Received> trace = awaitSpan(traceId, "encode-video job", Duration.ofSeconds(60));
        Map<String, Received> byId = trace.stream().collect(Collectors.toMap(Received::spanId, Function.identity()));

        Received request = only(trace, s -> s.parentSpanId().equals(clientSpan));
        assertEquals("SERVER", request.kind(), "the incoming traceparent is honoured by the request's span: " + request);
        Received dispatch = only(trace, s -> s.name().equals("dispatch kinora.ingest"));
        assertEquals(request.spanId(), dispatch.parentSpanId(), "the dispatch is sent inside the upload request");
        assertEquals(id, dispatch.attribute("kinora.video"));
        Received job = only(trace, s -> s.name().equals("encode-video job"));
        assertEquals(dispatch.spanId(), job.parentSpanId(), "the job continues the trace its JMS message carried");
        assertEquals(id, job.attribute("kinora.video"));
        assertTrue(job.events().containsAll(List.of("READY", "COMPLETED")), "milestones on the job: " + job.events());
        assertTrue(job.events().indexOf("READY") < job.events().indexOf("COMPLETED"), job.events().toString());

        Map<String, Received> steps = trace.stream().filter(s -> s.name().startsWith("step "))
                .collect(Collectors.toMap(s -> s.name().substring(5), Function.identity()));
        assertEquals(Set.copyOf(STEPS), steps.keySet(), "a span per step");
        steps.values().forEach(s -> assertEquals(job.spanId(), s.parentSpanId(), "steps under the job: " + s));

        List<Received> items = trace.stream().filter(s -> s.name().equals("encode item")).toList();
        List<Received> pieces = trace.stream().filter(s -> s.name().equals("encode piece")).toList();
        assertFalse(items.isEmpty(), "items traced");
        items.forEach(i -> assertEquals(steps.get("encode").spanId(), i.parentSpanId(), "items under the encode step"));
        assertEquals(items.size(), pieces.size(), "each item encoded once, in its trace");
        for (Received p : pieces) {
            assertTrue(byId.containsKey(p.parentSpanId()) && byId.get(p.parentSpanId()).name().equals("encode item"),
                    "the worker continues its item's span: " + p);
        }

        List<Received> pieceRuns = trace.stream().filter(s -> s.name().equals("ffmpeg") && s.attribute("kinora.piece") != null).toList();
        assertEquals(pieces.stream().filter(p -> !p.attribute("kinora.piece").equals("-1")).count(), pieceRuns.size(),
                "an FFmpeg span per video piece encode");
        for (Received run : pieceRuns) {
            Received parent = byId.get(run.parentSpanId());
            assertEquals("encode piece", parent.name(), "FFmpeg runs inside the worker's span: " + run);
            assertEquals(parent.attribute("kinora.piece"), run.attribute("kinora.piece"), run.toString());
            assertEquals(parent.attribute("kinora.renditions"), run.attribute("kinora.renditions"), run.toString());
            assertEquals("0", run.attribute("kinora.ffmpeg.exit-code"), run.toString());
            assertNotNull(run.attribute("kinora.node"), run.toString());
            assertTrue(Long.parseLong(run.attribute("kinora.bytes.in")) > 0, "bytes in: " + run);
            assertTrue(Long.parseLong(run.attribute("kinora.bytes.out")) > 0, "bytes out: " + run);
            double user = Double.parseDouble(run.attribute("kinora.ffmpeg.user-seconds"));
            double system = Double.parseDouble(run.attribute("kinora.ffmpeg.system-seconds"));
            double cpu = Double.parseDouble(run.attribute("kinora.ffmpeg.cpu-seconds"));
            assertTrue(cpu > 0, "CPU seconds of the piece encode: " + run);
            assertEquals(user + system, cpu, 1e-9, run.toString());
        }
        assertTrue(trace.stream().anyMatch(s -> s.name().startsWith("publish ")
                && byId.containsKey(s.parentSpanId()) && byId.get(s.parentSpanId()).name().equals("encode-video job")),
                "publishing under the job");
        assertTrue(trace.stream().anyMatch(s -> s.name().equals("ffmpeg") && byId.containsKey(s.parentSpanId())
                && byId.get(s.parentSpanId()).name().startsWith("publish ")), "packaging's FFmpeg runs inside publishing");

        // no span left open: every parent inside the trace was exported, i.e. ended; every span ends after it starts
        for (Received s : trace) {
            if (s != request) assertTrue(byId.containsKey(s.parentSpanId()), "parent of " + s + " never ended");
            assertTrue(s.endNanos() >= s.startNanos(), s.toString());
        }
        // /metrics: the piece encodes in a histogram, buckets cumulative up to +Inf = the count
        String metrics = api.get("/metrics").body();
        java.util.regex.Matcher bucket = java.util.regex.Pattern
                .compile("(?m)^kinora_piece_encode_seconds_bucket\\{le=\"([^\"]+)\"} (\\d+)$").matcher(metrics);
        long previous = 0;
        String lastBound = null;
        while (bucket.find()) {
            long n = Long.parseLong(bucket.group(2));
            assertTrue(n >= previous, "cumulative buckets: " + metrics);
            previous = n;
            lastBound = bucket.group(1);
        }
        assertEquals("+Inf", lastBound, metrics);
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("(?m)^kinora_piece_encode_seconds_count (\\d+)$")
                .matcher(metrics);
        assertTrue(count.find(), metrics);
        assertEquals(previous, Long.parseLong(count.group(1)), "+Inf is every encode");
        assertTrue(previous >= pieceRuns.size(), "this upload's piece encodes are counted: " + previous);
        // and the whole job, the wait for READY, the upload itself (one request here)
        for (String series : List.of("kinora_job_seconds_count", "kinora_ready_seconds_count",
                "kinora_upload_seconds_count{via=\"request\"}")) {
            java.util.regex.Matcher n = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(series) + " (\\d+)$")
                    .matcher(metrics);
            assertTrue(n.find() && Long.parseLong(n.group(1)) > 0, series + " counted: " + metrics);
        }
        assertFalse(metrics.contains("# {"), "no exemplars in the 0.0.4 format");
        // OpenMetrics, as Prometheus asks for it to store exemplars: a bucket of each histogram leads to this trace
        Api.Reply open = api.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0,text/plain;q=0.5");
        assertTrue(open.header("Content-Type").orElse("").startsWith("application/openmetrics-text"), open.headers().toString());
        assertTrue(open.body().endsWith("# EOF\n"), open.body());
        assertTrue(open.body().contains("# TYPE kinora_pieces_encoded counter\n"), "OpenMetrics names counter families without _total");
        for (String histogram : List.of("kinora_piece_encode_seconds", "kinora_job_seconds", "kinora_ready_seconds",
                "kinora_upload_seconds")) {
            assertTrue(java.util.regex.Pattern.compile("(?m)^" + histogram + "_bucket\\{[^}]*} \\d+ # \\{trace_id=\"" + traceId
                    + "\"} [0-9.E-]+ \\d+\\.\\d{3}$").matcher(open.body()).find(), histogram + " exemplar: " + open.body());
        }

        // the JSON log: a piece encode's line carries the trace and the span of the worker that wrote it
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.json");
        List<JsonObject> encoded = Files.readAllLines(log).stream().filter(l -> l.contains("Encoded piece") && l.contains(id))
                .map(l -> Json.createReader(new StringReader(l)).readObject()).toList();
        assertFalse(encoded.isEmpty(), "a JSON line per piece encode in " + log);
        Set<String> pieceSpans = pieces.stream().map(Received::spanId).collect(Collectors.toSet());
        for (JsonObject line : encoded) {
            JsonObject mdc = line.getJsonObject("mdc");
            assertNotNull(mdc, "trace ids on " + line);
            assertEquals(traceId, mdc.getString("trace_id"), line.toString());
            assertTrue(pieceSpans.contains(mdc.getString("span_id")), "the worker's span: " + line);
        }

        // and no kinora span of this video escaped into another trace
        for (Received s : RECEIVER.spans()) {
            if (id.equals(s.attribute("kinora.video"))) assertEquals(traceId, s.traceId(), "outside the upload's trace: " + s);
        }
    }

    private static List<Received> awaitSpan(String traceId, String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> trace = RECEIVER.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
            if (trace.stream().anyMatch(s -> s.name().equals(name))) return trace;
            if (System.nanoTime() > deadline) {
                fail("no span " + name + " of trace " + traceId + " in " + timeout + "; received "
                        + RECEIVER.spans().stream().map(s -> s.traceId() + " " + s.name()).toList());
            }
            Videos.sleep(200);
        }
    }

    private static Received only(List<Received> trace, java.util.function.Predicate<Received> which) {
        List<Received> found = trace.stream().filter(which).toList();
        assertEquals(1, found.size(), () -> "expected one such span, found " + found + " in "
                + trace.stream().map(Received::name).toList());
        return found.get(0);
    }
}
