package io.kinora.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open spans of the encode jobs running on this node: one per job execution (continuing the trace its dispatch
 * carried), one per step under it. Batch artifacts run on several threads and learn nothing from each other, so the
 * spans are found here by execution (and step) or by video. Only jobs that carry a trace have entries.
 */
@ApplicationScoped
public class JobTraces {
    @Inject Traces traces;

    private final Map<Long, Span> jobs = new ConcurrentHashMap<>();
    private final Map<String, Span> byVideo = new ConcurrentHashMap<>();
    private final Map<String, Span> steps = new ConcurrentHashMap<>();
    private final Map<Span, Set<String>> milestones = new ConcurrentHashMap<>();

    public void jobStarted(long execution, String videoId, String traceparent) {
        Span span = traces.start("encode-video job", traceparent, SpanKind.INTERNAL);
        if (!span.getSpanContext().isValid()) return;
        span.setAttribute("kinora.video", videoId);
        span.setAttribute("kinora.execution", execution);
        span.setAttribute("kinora.node", NodeName.get());
        jobs.put(execution, span);
        byVideo.put(videoId, span);
    }

    public void jobEnded(long execution, String videoId, String batchStatus) {
        Span span = jobs.remove(execution);
        if (span == null) return;
        byVideo.remove(videoId, span);
        milestones.remove(span);
        span.setAttribute("kinora.batch-status", batchStatus);
        if ("FAILED".equals(batchStatus)) span.setStatus(StatusCode.ERROR);
        span.end();
    }

    /** Also puts the step's ids in the MDC of this thread (the step's) until {@link #stepEnded}. */
    public void stepStarted(long execution, String step) {
        Span job = jobs.get(execution);
        if (job == null) return;
        Span span = steps.computeIfAbsent(execution + "/" + step,
                k -> traces.start("step " + step, TraceParent.of(job), SpanKind.INTERNAL));
        MDC.put(TraceScope.TRACE_ID, span.getSpanContext().getTraceId());
        MDC.put(TraceScope.SPAN_ID, span.getSpanContext().getSpanId());
    }

    public void stepEnded(long execution, String step, Exception failure) {
        Span span = steps.remove(execution + "/" + step);
        if (span == null) return;
        MDC.remove(TraceScope.TRACE_ID);
        MDC.remove(TraceScope.SPAN_ID);
        if (failure != null) span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        span.end();
    }

    /** The step's span as a {@code traceparent}, to hand to work that continues it; null without a trace. */
    public String step(long execution, String step) {
        Span span = steps.get(execution + "/" + step);
        return span == null ? null : TraceParent.of(span);
    }

    /** A span under the video's running job (packaging and publishing); the invalid span without a trace. */
    public Span startUnderJob(String videoId, String name) {
        Span job = byVideo.get(videoId);
        return job == null ? Span.getInvalid() : traces.start(name, TraceParent.of(job), SpanKind.INTERNAL);
    }

    /**
     * A milestone of the video on its job's span, once: READY, then COMPLETED (which implies READY: renditions publish
     * side by side, and the one that completes the video may report before the one that made it ready).
     */
    public void milestone(String videoId, String status) {
        Span job = byVideo.get(videoId);
        if (job == null) return;
        Set<String> seen = milestones.computeIfAbsent(job, k -> ConcurrentHashMap.newKeySet());
        synchronized (seen) {
            if ((status.equals("READY") || status.equals("COMPLETED")) && seen.add("READY")) job.addEvent("READY");
            if (status.equals("COMPLETED") && seen.add("COMPLETED")) job.addEvent("COMPLETED");
        }
    }
}
