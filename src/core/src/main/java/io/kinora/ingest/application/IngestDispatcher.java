package io.kinora.ingest.application;

import io.kinora.tracing.TraceParent;
import io.kinora.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * Queues a stored upload for encoding: a persistent message on kinora.ingest, small files and admin
 * re-encodes at a higher priority so they overtake long videos waiting in line. Inside a traced request the message
 * carries the dispatch span as {@code traceparent} (Artemis JMS is not instrumented): the job continues that trace.
 */
@ApplicationScoped
public class IngestDispatcher {
    public static final int HIGH_PRIORITY = 7;
    public static final int NORMAL_PRIORITY = 4;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/KinoraIngest")
    Queue ingest;

    @Inject
    Traces traces;

    public void dispatch(String videoId, boolean high) {
        Span span = traces.startHere("dispatch kinora.ingest", SpanKind.PRODUCER);
        try {
            var producer = jms.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setPriority(high ? HIGH_PRIORITY : NORMAL_PRIORITY);
            String traceparent = TraceParent.of(span);
            if (traceparent != null) {
                span.setAttribute("kinora.video", videoId);
                producer.setProperty(TraceParent.NAME, traceparent);
            }
            producer.send(ingest, videoId);
        } finally {
            span.end();
        }
    }
}
