package io.kinora.progress;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every node hears the {@code kinora.progress} topic (one non-durable subscriber each) and replays other nodes' events. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/KinoraProgress"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
        // the broker keeps this node's own events from it: they were delivered here when they happened
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "origin <> '${jboss.node.name:kinora}'"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionManagement(TransactionManagementType.BEAN)
public class ProgressFromOtherNodes implements MessageListener {
    @Inject ProgressBoard board;
    @Inject EventFeed feed;

    @Override
    public void onMessage(Message message) {
        try {
            if (ProgressRelay.NODE.equals(message.getStringProperty("origin"))) return; // our own, already delivered
            String body = ((TextMessage) message).getText();
            if ("progress".equals(message.getStringProperty("type"))) {
                board.fromOtherNode(ProgressRelay.progressOf(body));
            } else if ("status".equals(message.getStringProperty("type"))) {
                JsonObject o = Json.createReader(new StringReader(body)).readObject();
                Map<String, Object> data = new LinkedHashMap<>();
                o.getJsonObject("data").forEach((k, v) -> data.put(k, ((jakarta.json.JsonString) v).getString()));
                feed.fromOtherNode(o.getString("videoId"), o.getJsonNumber("ownerId").longValue(), data);
            }
        } catch (Exception e) {
            // a malformed event from another node is dropped: the next one brings the picture up to date
        }
    }
}
