package io.kinora.catalog.web;

import io.kinora.catalog.application.VideoAccess;
import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.Visibility;
import io.kinora.ingest.application.IngestService;
import io.kinora.problem.ProblemException;
import io.kinora.progress.ProgressBoard;
import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;

/** Videos: upload a file (raw body), read one with its live progress, change its description. */
@Path("/v1/videos")
@Produces(MediaType.APPLICATION_JSON)
public class VideoResource {
    @Inject IngestService ingest;
    @Inject VideoAccess access;
    @Inject VideoCatalog catalog;
    @Inject ProgressBoard progress;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context UriInfo uri;

    /**
     * Uploads a whole file as the request body (any Content-Type: the bytes are sniffed, never trusted).
     * 201 with the new video; 200 with the existing one when the caller already uploaded these bytes.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(InputStream body,
                           @QueryParam("title") String title,
                           @QueryParam("visibility") String visibility,
                           @QueryParam("profile") String profile,
                           @QueryParam("filename") String filenameParam,
                           @HeaderParam("X-Filename") String filenameHeader) throws IOException {
        Caller caller = callers.signedIn(security);
        var accepted = ingest.accept(new IngestService.Request(caller.userId(),
                filenameParam != null ? filenameParam : filenameHeader, title, Visibility.parse(visibility), profile,
                caller.admin()), body);
        VideoView view = view(accepted.video());
        return Response.status(accepted.duplicate() ? 200 : 201)
                .location(uri.getBaseUriBuilder().path("v1/videos").path(accepted.video().id()).build())
                .header("X-Kinora-Duplicate", accepted.duplicate())
                .entity(view).build();
    }

    /** The caller's own videos, newest first (mine=true is the only listing so far). */
    @GET
    public java.util.List<VideoView> list(@QueryParam("mine") @DefaultValue("true") boolean mine,
                                          @QueryParam("offset") @DefaultValue("0") int offset,
                                          @QueryParam("limit") @DefaultValue("20") int limit) {
        if (!mine) throw ProblemException.badRequest("unsupported-listing", "only mine=true is supported");
        if (offset < 0 || limit < 1 || limit > 100) {
            throw ProblemException.badRequest("invalid-paging", "offset >= 0, limit 1..100");
        }
        Caller caller = callers.signedIn(security);
        return catalog.listByOwner(caller.userId(), offset, limit).stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public VideoView get(@PathParam("id") String id) {
        return view(access.viewable(id, callers.of(security)));
    }

    public record Change(String title, String description, String visibility) { }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public VideoView update(@PathParam("id") String id, Change change) {
        if (change == null) throw ProblemException.badRequest("missing-body", "send title, description or visibility");
        access.manageable(id, callers.signedIn(security));
        if (change.title() != null && (change.title().isBlank() || change.title().length() > 300)) {
            throw ProblemException.badRequest("invalid-title", "title must be 1-300 characters");
        }
        if (change.description() != null && change.description().length() > 5000) {
            throw ProblemException.badRequest("invalid-description", "description must be at most 5000 characters");
        }
        return view(catalog.describe(id, change.title(), change.description(), Visibility.parse(change.visibility())));
    }

    private VideoView view(Video v) {
        String base = uri.getBaseUri().toString().replaceAll("/api/?$", "");
        return VideoView.of(v, progress.get(v.id()).orElse(null), base);
    }

}
