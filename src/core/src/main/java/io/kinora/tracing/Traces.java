package io.kinora.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Kinora's spans, from the deployment's tracer (MicroProfile Telemetry; a no-op one while telemetry is off). A span is
 * only started under a real parent: with telemetry off nothing is ever started, so nothing costs anything.
 */
@ApplicationScoped
public class Traces {
    @Inject Tracer tracer;

    /** A span continuing {@code traceparent}; the invalid span (whose methods do nothing) when there is no trace. */
    public Span start(String name, String traceparent, SpanKind kind) {
        return start(name, TraceParent.parse(traceparent), kind);
    }

    /** A child of the current span; the invalid span when there is none. */
    public Span startHere(String name, SpanKind kind) {
        return Span.current().getSpanContext().isValid() ? start(name, Context.current(), kind) : Span.getInvalid();
    }

    Span start(String name, Context parent, SpanKind kind) {
        if (parent == null) return Span.getInvalid();
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    }
}
