package io.kinora.progress.web;

import io.kinora.catalog.application.VideoAccess;
import io.kinora.security.application.Caller;
import io.kinora.stream.UrlSigner;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Live progress of one video as Server-Sent Events: "progress" events {videoId, stage, percent, piecesDone,
 * piecesTotal, published} and "status" events {videoId, from, status, failureCode}; ids increase, send
 * Last-Event-ID to resume. Bearer for private videos, or the video's signed link (?exp=&sig=) for EventSource.
 */
@Path("/v1/videos")
public class VideoEventsResource {
    @Inject VideoAccess access;
    @Inject UrlSigner signer;
    @Inject SseFeed feed;
    @Inject Callers callers;

    @Context SecurityContext security;

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live progress and status changes of one video (SSE, resumable with Last-Event-ID)")
    public void events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                       @QueryParam("exp") String exp, @QueryParam("sig") String sig,
                       @Context SseEventSink sink, @Context Sse sse) {
        Caller caller = callers.of(security);
        if (exp != null || sig != null) signer.verify(id, exp, sig);
        else access.viewable(id, caller);
        feed.open(sse, sink, lastEventId, e -> e.videoId().equals(id));
    }
}
