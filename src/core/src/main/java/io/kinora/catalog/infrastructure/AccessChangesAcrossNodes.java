package io.kinora.catalog.infrastructure;

import io.kinora.catalog.application.PlaybackRules;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * A video's access rule changed here (visibility, delete): every other node evicts its cached rule at once, instead of
 * within {@code kinora.stream.access-cache-seconds}. Carried on the {@code kinora.progress} topic (type "access");
 * {@link AccessChangeSender} sends, this bean hears the other nodes.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/KinoraProgress"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "type = 'access'"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionManagement(TransactionManagementType.BEAN)
public class AccessChangesAcrossNodes implements MessageListener {
    static final String NODE = System.getProperty("jboss.node.name", "kinora");

    @Inject PlaybackRules rules;

    @Override
    public void onMessage(Message message) {
        try {
            if (!NODE.equals(message.getStringProperty("origin"))) rules.evict(message.getStringProperty("videoId"));
        } catch (Exception e) {
            // the cache's time limit still bounds how long the old rule lives
        }
    }
}
