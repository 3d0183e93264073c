package io.kinora.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.jboss.logging.MDC;

/**
 * Makes a span current on this thread and puts its ids in the logging MDC ({@code trace_id}, {@code span_id}), so
 * every log line written meanwhile carries them (the JSON log shows the MDC). Nothing happens for the invalid span.
 */
public final class TraceScope {
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";

    private TraceScope() { }

    public static Scope enter(Span span) {
        SpanContext c = span.getSpanContext();
        if (!c.isValid()) return Scope.noop();
        Scope current = span.makeCurrent();
        Object trace = MDC.put(TRACE_ID, c.getTraceId());
        Object spanId = MDC.put(SPAN_ID, c.getSpanId());
        return () -> {
            restore(SPAN_ID, spanId);
            restore(TRACE_ID, trace);
            current.close();
        };
    }

    private static void restore(String key, Object previous) {
        if (previous == null) MDC.remove(key);
        else MDC.put(key, previous);
    }
}
