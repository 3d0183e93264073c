package io.kinora.encode.work;

import io.kinora.encode.application.EncodeJobs;
import io.kinora.tracing.TraceScope;
import io.kinora.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every node's encoders: takes work items from {@code kinora.encode.work}, one per session ({@code kinora.encode.slots}
 * sessions, no prefetch: a busy node leaves items to idle ones), encodes them and announces the outcome. Bean-managed,
 * so no transaction spans a minutes-long encode; the broker takes the message back only when this returns, so an item
 * whose node dies mid-encode goes to another node. An encode that fails is announced, not thrown: the coordinator
 * decides about retries, as it did when it encoded itself.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/KinoraEncodeWork"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${kinora.encode.slots:2}"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
@TransactionManagement(TransactionManagementType.BEAN)
public class PieceWorker implements MessageListener {
    private static final Logger LOG = Logger.getLogger(PieceWorker.class.getName());

    @Inject PieceEncoding encoding;
    @Inject WorkDispatch dispatch;
    @Inject EncodeJobs jobs;
    @Inject PieceResults results;
    @Inject Traces traces;

    @Inject io.kinora.encode.application.EncodeClaims claims;

    /**
     * Whether the item's execution still wants it: it is running, and it still holds the video's claim (a crashed
     * execution's items come back from the broker after its job was restarted under another execution).
     */
    private boolean running(String dispatchId, String videoId, long execution) {
        if (results.awaits(dispatchId)) return true; // its partition waits here: the execution runs on this node
        boolean live = jobs.execution(execution).map(e -> e.getBatchStatus() == jakarta.batch.runtime.BatchStatus.STARTED
                || e.getBatchStatus() == jakarta.batch.runtime.BatchStatus.STARTING).orElse(false);
        if (!live) return false;
        try {
            return claims.find(videoId).map(c -> c.executionId() == null || c.executionId() == execution).orElse(true);
        } catch (java.sql.SQLException e) {
            return true; // when in doubt, encode: the work is idempotent
        }
    }

    @Override
    public void onMessage(Message message) {
        WorkDispatch.Item item;
        try {
            item = WorkDispatch.item(message);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "Unreadable encode work item dropped", e);
            return;
        }
        String node = EncodeJobs.node();
        try {
            if (!running(item.dispatchId(), item.videoId(), item.execution())) {
                announce(new WorkDispatch.Outcome(item.dispatchId(), item.videoId(), false, node,
                        "execution " + item.execution() + " has ended", true));
                return;
            }
            encode(item);
            announce(new WorkDispatch.Outcome(item.dispatchId(), item.videoId(), true, node, null));
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warning(() -> "Encode item of " + item.videoId() + " failed on " + node + ": " + reason);
            announce(new WorkDispatch.Outcome(item.dispatchId(), item.videoId(), false, node, reason));
        }
    }

    /** Encodes within the item's trace, continued from the message (on whichever node this is). */
    private void encode(WorkDispatch.Item item) throws Exception {
        Span span = traces.start("encode piece", item.traceparent(), SpanKind.CONSUMER);
        try (Scope scope = TraceScope.enter(span)) {
            span.setAttribute("kinora.video", item.videoId());
            span.setAttribute("kinora.piece", item.work().piece());
            span.setAttribute("kinora.renditions", String.join(",", item.work().renditions()));
            span.setAttribute("kinora.node", EncodeJobs.node());
            encoding.encode(item.videoId(), item.execution(), item.work());
        } catch (Exception e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    /** To the partition waiting for it: directly when it is on this node, else over the outcome topic. */
    private void announce(WorkDispatch.Outcome outcome) {
        if (!results.arrived(outcome)) dispatch.announce(outcome);
    }
}
