package io.kinora.catalog.web;

import io.kinora.catalog.application.Visibilities;
import org.eclipse.microprofile.openapi.annotations.Operation;
import io.kinora.ops.web.RateLimited;
import io.kinora.catalog.application.VideoAccess;
import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.application.VideoRemoval;
import io.kinora.catalog.domain.VideoQuery;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.catalog.domain.Video;
import io.kinora.ingest.application.IngestService;
import io.kinora.problem.ProblemException;
import io.kinora.progress.ProgressBoard;
import io.kinora.security.application.AccountService;
import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** Videos: upload a file (raw body), read one with its live progress, change its description. */
@Path("/v1/videos")
@Produces(MediaType.APPLICATION_JSON)
public class VideoResource {
    @Inject IngestService ingest;
    @Inject VideoAccess access;
    @Inject VideoCatalog catalog;
    @Inject ProgressBoard progress;
    @Inject Callers callers;
    @Inject VideoRemoval removal;
    @Inject AccountService accounts;
    @Inject io.kinora.catalog.application.Captions captions;
    @Inject io.kinora.captions.AutoCaptionRecords autoCaptions;

    @Context SecurityContext security;
    @Context UriInfo uri;

    /**
     * Uploads a whole file as the request body (any Content-Type: the bytes are sniffed, never trusted).
     * 201 with the new video; 200 with the existing one when the caller already uploaded these bytes.
     */
    @RateLimited("upload")
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(InputStream body,
                           @QueryParam("title") String title,
                           @QueryParam("visibility") String visibility,
                           @QueryParam("profile") String profile,
                           @QueryParam("filename") String filenameParam,
                           @QueryParam("autoCaptions") String autoCaptions,
                           @QueryParam("captionsLang") String captionsLang,
                           @HeaderParam("X-Filename") String filenameHeader) throws IOException {
        Caller caller = callers.signedIn(security);
        var captionRequest = io.kinora.captions.AutoCaptionRequest.parse(autoCaptions, captionsLang);
        var accepted = ingest.accept(new IngestService.Request(caller.userId(),
                filenameParam != null ? filenameParam : filenameHeader, title, Visibilities.parse(visibility), profile,
                caller.admin(), captionRequest), body);
        VideoView view = view(accepted.video());
        return Response.status(accepted.duplicate() ? 200 : 201)
                .location(uri.getBaseUriBuilder().path("v1/videos").path(accepted.video().id()).build())
                .header("X-Kinora-Duplicate", accepted.duplicate())
                .entity(view).build();
    }

    /**
     * Library listing and search. Scope: public videos plus the caller's own (admins: all); {@code mine=true}
     * or {@code owner=me}: only the caller's. Filters: q (words, each the start of a word of the title or
     * description, case and accents ignored), status, visibility. Sort: createdAt (default) or title, order desc
     * (default) or asc. The body stays a JSON array (as before search existed); the match count is in
     * X-Total-Count, exact unless X-Total-Count-Capped: true says it is a lower bound (README); the next page in a
     * Link header.
     */
    @GET
    @Operation(summary = "List and search videos: public + own (admins: all); q (word prefixes), owner=me|id, mine, status, visibility, sort=createdAt|title, order=asc|desc, offset, limit; X-Total-Count (exact up to 1000, else X-Total-Count-Capped)")
    public Response list(@QueryParam("mine") Boolean mine,
                         @QueryParam("owner") String owner,
                         @QueryParam("q") String q,
                         @QueryParam("status") String status,
                         @QueryParam("visibility") String visibility,
                         @QueryParam("sort") @DefaultValue("createdAt") String sort,
                         @QueryParam("order") @DefaultValue("desc") String order,
                         @QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("20") int limit) {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw ProblemException.badRequest("invalid-paging", "offset >= 0, limit 1..100");
        }
        if (!sort.equals("createdAt") && !sort.equals("title")) {
            throw ProblemException.badRequest("invalid-sort", "sort is createdAt or title");
        }
        if (!order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
            throw ProblemException.badRequest("invalid-order", "order is asc or desc");
        }
        if (q != null && q.length() > 200) throw ProblemException.badRequest("invalid-query", "q is at most 200 characters");
        Caller caller = callers.of(security);
        Long ownerId = null;
        if (Boolean.TRUE.equals(mine) || "me".equals(owner)) {
            ownerId = callers.signedIn(security).userId();
        } else if (owner != null) {
            try {
                ownerId = Long.parseLong(owner);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("invalid-owner", "owner is me or a user id");
            }
        }
        var page = catalog.search(new VideoQuery(caller.userId(), caller.admin(), ownerId, q, parseStatus(status),
                Visibilities.parse(visibility), sort.equals("title"), order.equalsIgnoreCase("asc"), offset, limit));
        Map<Long, String> owners = accounts.usernames(page.items().stream().map(Video::ownerId).distinct().toList());
        var b = Response.ok(page.items().stream().map(v -> view(v, owners.get(v.ownerId()))).toList())
                .header("X-Total-Count", page.total());
        if (page.capped()) b.header("X-Total-Count-Capped", true);
        if (page.hasNext()) {
            b.link(uri.getRequestUriBuilder().replaceQueryParam("offset", offset + limit).build(), "next");
        }
        return b.build();
    }

    /** Deletes the video: stops its encode (waiting for it), removes every stored object, the work dir and the row. */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a video (owner or admin): stops its encode, removes all stored objects and the row")
    public Response delete(@PathParam("id") String id) {
        access.manageable(id, callers.signedIn(security));
        removal.remove(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}")
    public VideoView get(@PathParam("id") String id) throws IOException {
        Video v = access.viewable(id, callers.of(security));
        return view(v).withCaptions(captions.languages(id), autoCaptions.find(id).orElse(null));
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
        return view(catalog.describe(id, change.title(), change.description(), Visibilities.parse(change.visibility())));
    }

    private VideoView view(Video v) {
        return view(v, accounts.usernames(List.of(v.ownerId())).get(v.ownerId()));
    }

    private VideoView view(Video v, String ownerName) {
        String base = uri.getBaseUri().toString().replaceAll("/api/?$", "");
        return VideoView.of(v, progress.get(v.id()).orElse(null), base, ownerName);
    }

    static VideoStatus parseStatus(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return VideoStatus.valueOf(s.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-status", "status is one of " + java.util.Arrays.toString(VideoStatus.values()));
        }
    }
}
