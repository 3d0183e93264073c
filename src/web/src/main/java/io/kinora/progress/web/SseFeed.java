package io.kinora.progress.web;

import io.kinora.progress.EventFeed;
import io.kinora.progress.VideoEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.function.Predicate;

/** Connects one SSE sink to the event feed: replay after Last-Event-ID, then live until the client goes. */
@ApplicationScoped
public class SseFeed {
    @Inject EventFeed feed;

    public void open(Sse sse, SseEventSink sink, String lastEventId, Predicate<VideoEvent> filter) {
        long last = parse(lastEventId);
        EventFeed.Subscription[] sub = new EventFeed.Subscription[1];
        sub[0] = feed.subscribe(last, filter, e -> {
            if (sink.isClosed()) throw new IllegalStateException("client gone");
            OutboundSseEvent event = sse.newEventBuilder().id(Long.toString(e.id())).name(e.type())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(e.data()).reconnectDelay(1000).build();
            sink.send(event).whenComplete((ok, failure) -> {
                if (failure != null && sub[0] != null) sub[0].close();
            });
        });
    }

    private static long parse(String id) {
        if (id == null || id.isBlank()) return 0;
        try {
            return Math.max(0, Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return 0; // an id we never issued: start afresh rather than refuse the reconnect
        }
    }
}
