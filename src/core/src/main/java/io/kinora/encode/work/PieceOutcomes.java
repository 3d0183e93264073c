package io.kinora.encode.work;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Hears every node's item outcomes (one non-durable subscriber per node) and hands them to waiting partitions. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/KinoraEncodeDone"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionManagement(TransactionManagementType.BEAN)
public class PieceOutcomes implements MessageListener {
    @Inject PieceResults results;

    @Override
    public void onMessage(Message message) {
        try {
            results.arrived(WorkDispatch.outcome(message));
        } catch (JMSException | RuntimeException e) {
            // an unreadable outcome: the waiting partition finds the stored piece by itself
        }
    }
}
