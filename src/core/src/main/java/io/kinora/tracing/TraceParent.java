package io.kinora.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * A span's context as the W3C {@code traceparent} header: how a trace travels where nothing carries it for us
 * (JMS properties of Artemis, job parameters). Null stands for "no trace": telemetry off or not sampled.
 */
public final class TraceParent {
    public static final String NAME = "traceparent";

    private static final TextMapGetter<String> ONE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(NAME);
        }

        @Override
        public String get(String carrier, String key) {
            return NAME.equals(key) ? carrier : null;
        }
    };

    private TraceParent() { }

    /** The header of this span, or null when it is not a real one. */
    public static String of(Span span) {
        SpanContext c = span.getSpanContext();
        if (!c.isValid()) return null;
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
        return carrier.get(NAME);
    }

    /** The context to continue, or null when the header is absent or unreadable. */
    public static Context parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) return null;
        Context c = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, ONE);
        return Span.fromContext(c).getSpanContext().isValid() ? c : null;
    }

    /** The trace id inside a header, or null. */
    public static String traceId(String traceparent) {
        Context c = parse(traceparent);
        return c == null ? null : Span.fromContext(c).getSpanContext().getTraceId();
    }
}
