package io.kinora.ingest.web;

import io.kinora.ops.web.RateLimited;
import io.kinora.ingest.tus.TusService;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import jakarta.annotation.security.PermitAll;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** tus 1.0 resumable uploads (https://tus.io/protocols/resumable-upload); the logic is in {@link TusService}. */
@Tus
@Path("/v1/uploads")
public class TusResource {
    static final String OCTETS = "application/offset+octet-stream";
    static final String EXTENSIONS = "creation,creation-with-upload,creation-defer-length,termination,checksum,expiration";

    @Inject TusService tus;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context UriInfo uri;

    @OPTIONS
    @PermitAll
    public Response options() {
        return Response.noContent().header("Tus-Version", Tus.VERSION).header("Tus-Extension", EXTENSIONS)
                .header("Tus-Max-Size", tus.maxSize()).header("Tus-Checksum-Algorithm", "sha1,sha256,md5").build();
    }

    @RateLimited("upload")
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@HeaderParam("Upload-Length") String length, @HeaderParam("Upload-Defer-Length") String defer,
                           @HeaderParam("Upload-Metadata") String metadata, @HeaderParam("Upload-Checksum") String checksum,
                           @Context HttpHeaders headers, InputStream body) throws IOException {
        Caller caller = callers.signedIn(security);
        if (defer != null && !"1".equals(defer.strip())) throw ProblemException.badRequest("invalid-upload-length", "Upload-Defer-Length must be 1");
        Long len = number("Upload-Length", length);
        var state = tus.create(caller, len, defer != null, metadata);
        String id = state.upload().id();
        Response.ResponseBuilder r = Response.created(uri.getBaseUriBuilder().path("v1/uploads").path(id).build());
        if (hasBody(headers) || Long.valueOf(0).equals(len)) {
            // creation-with-upload; also completes an empty upload at once (which ingest then refuses)
            state = tus.append(caller, id, 0, null, body, contentLength(headers), checksum);
        }
        return stamp(r, state).build();
    }

    @HEAD
    @Path("/{id}")
    public Response head(@PathParam("id") String id) throws IOException {
        var state = tus.head(callers.signedIn(security), id);
        Response.ResponseBuilder r = stamp(Response.ok(), state);
        if (state.upload().length() == null) r.header("Upload-Defer-Length", 1);
        if (!state.upload().metadata().isEmpty()) r.header("Upload-Metadata", state.upload().metadata());
        return r.build();
    }

    @RateLimited(value = "upload", limit = false)
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response patch(@PathParam("id") String id, @HeaderParam("Upload-Offset") String offset,
                          @HeaderParam("Upload-Length") String length, @HeaderParam("Upload-Checksum") String checksum,
                          @Context HttpHeaders headers, InputStream body) throws IOException {
        if (!hasBody(headers)) throw new ProblemException(ProblemException.Kind.UNSUPPORTED_TYPE, "unsupported-media-type", "PATCH needs Content-Type: " + OCTETS);
        Long off = number("Upload-Offset", offset);
        if (off == null) throw ProblemException.badRequest("missing-upload-offset", "send Upload-Offset");
        var state = tus.append(callers.signedIn(security), id, off, number("Upload-Length", length), body,
                contentLength(headers), checksum);
        return stamp(Response.noContent(), state).build();
    }

    @DELETE
    @Path("/{id}")
    public Response terminate(@PathParam("id") String id) throws IOException {
        tus.terminate(callers.signedIn(security), id);
        return Response.noContent().build();
    }

    /** Where a finished upload went: the video id (404 until the last byte arrived... and was accepted). */
    @GET
    @Path("/{id}/video")
    @Produces(MediaType.APPLICATION_JSON)
    public Response video(@PathParam("id") String id) throws IOException {
        var state = tus.head(callers.signedIn(security), id);
        if (!state.upload().completed()) throw ProblemException.notFound("upload-incomplete", "the upload is not complete yet");
        String videoId = state.upload().videoId();
        return Response.ok(Map.of("uploadId", id, "videoId", videoId,
                        "video", uri.getBaseUriBuilder().path("v1/videos").path(videoId).build().toString()))
                .build();
    }

    private Response.ResponseBuilder stamp(Response.ResponseBuilder r, TusService.State s) {
        r.header("Upload-Offset", s.offset())
                .header("Upload-Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(s.upload().expires().atZone(ZoneOffset.UTC)));
        if (s.upload().length() != null) r.header("Upload-Length", s.upload().length());
        if (s.upload().videoId() != null) {
            r.header("X-Kinora-Video-Id", s.upload().videoId())
                    .header("X-Kinora-Video", uri.getBaseUriBuilder().path("v1/videos").path(s.upload().videoId()).build());
        }
        return r;
    }

    private static boolean hasBody(HttpHeaders h) {
        MediaType t = h.getMediaType();
        return t != null && OCTETS.equalsIgnoreCase(t.getType() + "/" + t.getSubtype());
    }

    private static long contentLength(HttpHeaders h) {
        String v = h.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return v == null ? -1 : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Long number(String header, String v) {
        if (v == null) return null;
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-" + header.toLowerCase(), header + " must be a non-negative integer");
        }
    }
}
