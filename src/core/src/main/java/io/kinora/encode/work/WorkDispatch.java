package io.kinora.encode.work;

import io.kinora.tracing.TraceParent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;

/**
 * The encode step's messages: work items to {@code kinora.encode.work}, which every node's {@link PieceWorker}
 * consumes, and their outcomes to {@code kinora.encode.done}, which every node hears (the coordinator waits for its
 * own). Sent outside any transaction: the coordinator waits for the outcome inside its chunk's transaction, so the
 * item must leave at once, not at commit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class WorkDispatch {
    static final int URGENT = 7;
    static final int NORMAL = 4;

    @Inject JMSContext jms;

    @Resource(lookup = "java:/jms/queue/KinoraEncodeWork")
    Queue work;

    @Resource(lookup = "java:/jms/topic/KinoraEncodeDone")
    Topic done;

    /** A work item as it travels; {@code traceparent} (null for none) is its span in the coordinator's trace. */
    public record Item(String dispatchId, String videoId, long execution, PieceWork work, String traceparent) { }

    /**
     * An item's outcome: which node, and the reason when it failed; {@code skipped} when its execution had ended
     * before a node took it (a stopped job must not go on encoding).
     */
    public record Outcome(String dispatchId, String videoId, boolean ok, String node, String error, boolean skipped) {
        public Outcome(String dispatchId, String videoId, boolean ok, String node, String error) {
            this(dispatchId, videoId, ok, node, error, false);
        }
    }

    /** Queues the item; {@code urgent} ones (the first playable rendition, the audio) overtake others waiting. */
    public void send(Item item, boolean urgent) {
        PieceWork w = item.work();
        var producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setPriority(urgent ? URGENT : NORMAL)
                .setProperty("dispatch", item.dispatchId()).setProperty("videoId", item.videoId())
                .setProperty("execution", item.execution()).setProperty("piece", w.piece())
                .setProperty("renditions", String.join(",", w.renditions())).setProperty("group", String.join(",", w.group()));
        if (item.traceparent() != null) producer.setProperty(TraceParent.NAME, item.traceparent());
        producer.send(work, "");
    }

    public void announce(Outcome o) {
        var p = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setProperty("dispatch", o.dispatchId()).setProperty("videoId", o.videoId())
                .setProperty("ok", o.ok()).setProperty("node", o.node()).setProperty("skipped", o.skipped());
        if (o.error() != null) p.setProperty("error", o.error());
        p.send(done, "");
    }

    static Item item(Message m) throws JMSException {
        int piece = m.getIntProperty("piece");
        PieceWork w = piece < 0 ? PieceWork.AUDIO
                : new PieceWork(piece, split(m.getStringProperty("renditions")), split(m.getStringProperty("group")));
        return new Item(m.getStringProperty("dispatch"), m.getStringProperty("videoId"), m.getLongProperty("execution"), w,
                m.getStringProperty(TraceParent.NAME));
    }

    static Outcome outcome(Message m) throws JMSException {
        return new Outcome(m.getStringProperty("dispatch"), m.getStringProperty("videoId"), m.getBooleanProperty("ok"),
                m.getStringProperty("node"), m.getStringProperty("error"), m.getBooleanProperty("skipped"));
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }
}
