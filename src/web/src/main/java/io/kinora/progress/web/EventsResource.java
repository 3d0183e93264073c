package io.kinora.progress.web;

import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's whole feed as SSE: events of all their videos; admins get every video's. Same events as per video. */
@Path("/v1/events")
public class EventsResource {
    @Inject SseFeed feed;
    @Inject Callers callers;

    @Context SecurityContext security;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live progress and status changes of the caller's videos (admins: all), SSE")
    public void events(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        Caller caller = callers.signedIn(security);
        feed.open(sse, sink, lastEventId, e -> caller.admin() || caller.owns(e.ownerId()));
    }
}
