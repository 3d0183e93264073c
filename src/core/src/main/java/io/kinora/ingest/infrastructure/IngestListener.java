package io.kinora.ingest.infrastructure;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.encode.application.EncodeJobs;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the encode job for each queued video. A failure is rethrown so Artemis redelivers with backoff;
 * on the last allowed attempt the video is marked FAILED first, and the message moves to the dead-letter
 * queue where an operator can see it: nothing is lost silently.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/KinoraIngest"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class IngestListener implements MessageListener {
    private static final Logger LOG = Logger.getLogger(IngestListener.class.getName());
    @Inject EncodeJobs jobs;
    @Inject VideoLifecycle lifecycle;
    @Inject IngestDrill drill;

    @Inject @ConfigProperty(name = "kinora.jms.max-delivery-attempts", defaultValue = "5")
    int maxAttempts;

    @Override
    public void onMessage(Message message) {
        String videoId = null;
        try {
            videoId = ((TextMessage) message).getText();
            if (lifecycle.find(videoId).isEmpty()) {
                LOG.warning("Ignoring encode request for deleted video " + videoId);
                return;
            }
            drill.beforeStart();
            boolean started = jobs.start(videoId, message.getJMSMessageID(),
                    message.getStringProperty(io.kinora.tracing.TraceParent.NAME)).isPresent();
            if (!started) LOG.info("Encode of " + videoId + " already has a live execution: this dispatch is a duplicate");
            drill.afterStart(deliveryCount(message));
        } catch (JMSException | RuntimeException e) {
            int attempt = deliveryCount(message);
            if (attempt >= maxAttempts && videoId != null) {
                lifecycle.failed(videoId, "dispatch-failed",
                        "could not start encoding after " + attempt + " attempts: " + e.getMessage());
            }
            throw new IllegalStateException("encode dispatch failed for " + videoId + " (attempt " + attempt + ")", e);
        }
    }

    private static int deliveryCount(Message m) {
        try {
            return m.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return 1;
        }
    }
}
