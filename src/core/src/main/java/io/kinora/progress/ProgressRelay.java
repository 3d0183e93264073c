package io.kinora.progress;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Carries progress and status events to the other nodes over the {@code kinora.progress} topic, so a browser connected
 * to any node sees every video (the encode's coordinator is the only node that knows its progress). Fire and forget:
 * non-persistent, outside any transaction; a lost event is followed by the next one.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ProgressRelay {
    private static final Logger LOG = Logger.getLogger(ProgressRelay.class.getName());
    static final String NODE = System.getProperty("jboss.node.name", "kinora");

    @Inject JMSContext jms;

    @Resource(lookup = "java:/jms/topic/KinoraProgress")
    Topic topic;

    void progress(VideoProgress p) {
        JsonObjectBuilder done = Json.createObjectBuilder(), total = Json.createObjectBuilder();
        p.piecesDone().forEach(done::add);
        p.piecesTotal().forEach(total::add);
        var published = Json.createArrayBuilder();
        p.published().forEach(published::add);
        JsonObjectBuilder o = Json.createObjectBuilder().add("videoId", p.videoId()).add("stage", p.stage())
                .add("piecesDone", done).add("piecesTotal", total).add("published", published);
        if (p.download() != null) {
            VideoProgress.Download d = p.download();
            o.add("download", Json.createObjectBuilder().add("bytesDone", d.bytesDone()).add("bytesTotal", d.bytesTotal())
                    .add("peers", d.peers()).add("bytesPerSecond", d.bytesPerSecond()));
        }
        send("progress", o.build());
    }

    void status(String videoId, long ownerId, Map<String, Object> data) {
        JsonObjectBuilder d = Json.createObjectBuilder();
        data.forEach((k, v) -> {
            if (v != null) d.add(k, v.toString());
        });
        send("status", Json.createObjectBuilder().add("videoId", videoId).add("ownerId", ownerId).add("data", d).build());
    }

    private void send(String type, JsonObject body) {
        try {
            jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setProperty("origin", NODE)
                    .setProperty("type", type).send(topic, body.toString());
        } catch (RuntimeException e) {
            LOG.fine(() -> "progress relay: " + e.getMessage()); // other nodes miss one event; the encode goes on
        }
    }

    static VideoProgress progressOf(String json) {
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        Map<String, Integer> done = new LinkedHashMap<>(), total = new LinkedHashMap<>();
        o.getJsonObject("piecesDone").forEach((k, v) -> done.put(k, ((jakarta.json.JsonNumber) v).intValue()));
        o.getJsonObject("piecesTotal").forEach((k, v) -> total.put(k, ((jakarta.json.JsonNumber) v).intValue()));
        Set<String> published = new TreeSet<>();
        o.getJsonArray("published").getValuesAs(jakarta.json.JsonString.class).forEach(s -> published.add(s.getString()));
        VideoProgress.Download download = null;
        if (o.containsKey("download")) {
            JsonObject d = o.getJsonObject("download");
            download = new VideoProgress.Download(d.getJsonNumber("bytesDone").longValue(),
                    d.getJsonNumber("bytesTotal").longValue(), d.getInt("peers"), d.getJsonNumber("bytesPerSecond").longValue());
        }
        return new VideoProgress(o.getString("videoId"), o.getString("stage"), Map.copyOf(total), Map.copyOf(done),
                Set.copyOf(published), Instant.now(), download);
    }
}
