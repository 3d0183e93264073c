package io.kinora.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kinora's spans, from the deployment's tracer (MicroProfile Telemetry). With telemetry off (the SDK "disabled") that
 * tracer still makes real, recording spans that nobody exports, and so does the JAX-RS filter: Kinora starts none then,
 * and passes no trace on, so an encode costs nothing extra. With it on a span is only started under a real parent.
 */
@ApplicationScoped
public class Traces {
    @Inject Tracer tracer;

    @Inject @ConfigProperty(name = "otel.sdk.disabled", defaultValue = "true") // see TelemetryConfig
    boolean disabled;

    /** A span continuing {@code traceparent}; the invalid span (whose methods do nothing) when there is no trace. */
    public Span start(String name, String traceparent, SpanKind kind) {
        return start(name, TraceParent.parse(traceparent), kind);
    }

    /** A child of the current span; the invalid span when there is none. */
    public Span startHere(String name, SpanKind kind) {
        return !disabled && Span.current().getSpanContext().isValid() ? start(name, Context.current(), kind) : Span.getInvalid();
    }

    /** The current span's trace when it is exported (telemetry on, sampled), for exemplars; else null. */
    public String currentTraceId() {
        var c = Span.current().getSpanContext();
        return !disabled && c.isValid() && c.isSampled() ? c.getTraceId() : null;
    }

    Span start(String name, Context parent, SpanKind kind) {
        if (disabled || parent == null) return Span.getInvalid();
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    }
}
