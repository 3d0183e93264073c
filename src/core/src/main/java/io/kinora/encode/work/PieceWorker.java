package io.kinora.encode.work;

import io.kinora.encode.application.EncodeJobs;
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
            encoding.encode(item.videoId(), item.execution(), item.work());
            announce(new WorkDispatch.Outcome(item.dispatchId(), item.videoId(), true, node, null));
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warning(() -> "Encode item of " + item.videoId() + " failed on " + node + ": " + reason);
            announce(new WorkDispatch.Outcome(item.dispatchId(), item.videoId(), false, node, reason));
        }
    }

    /** To the partition waiting for it: directly when it is on this node, else over the outcome topic. */
    private void announce(WorkDispatch.Outcome outcome) {
        if (!results.arrived(outcome)) dispatch.announce(outcome);
    }
}
