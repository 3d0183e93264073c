package io.kinora.ingest.web;

import io.kinora.ops.web.RateLimited;
import io.kinora.ingest.direct.DirectUploadService;
import io.kinora.problem.ProblemException;
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
import java.util.List;
import java.util.Map;

/**
 * Direct multipart upload: start, a URL per part (presigned on S3; Kinora's own PUT endpoint on the
 * filesystem store, which then needs the bearer token), list parts to resume, complete, abort.
 */
@Path("/v1/direct-uploads")
@Produces(MediaType.APPLICATION_JSON)
public class DirectUploadResource {
    @Inject DirectUploadService direct;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context UriInfo uri;

    public record Start(String filename, String title, String visibility, Long size) { }

    public record Part(int partNumber, String etag) { }

    public record Completion(List<Part> parts) { }

    @RateLimited("upload")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(Start start) throws IOException {
        Start s = start == null ? new Start(null, null, null, null) : start;
        var session = direct.start(caller(), s.filename(), s.title(), s.visibility(), s.size());
        return Response.created(self(session.id()).build())
                .entity(Map.of("id", session.id(), "minPartSize", direct.minPartSize(),
                        "maxParts", direct.maxParts())).build();
    }

    @GET
    @Path("/{id}/parts/{n}/url")
    public Map<String, Object> partUrl(@PathParam("id") String id, @PathParam("n") int n) throws IOException {
        var presigned = direct.partUrl(caller(), id, n);
        return presigned.<Map<String, Object>>map(u -> Map.of("url", u.toString(), "method", "PUT", "bearer", false))
                .orElseGet(() -> Map.of("url", self(id).path("parts").path(Integer.toString(n)).build().toString(),
                        "method", "PUT", "bearer", true));
    }

    @RateLimited(value = "upload", limit = false)
    @PUT
    @Path("/{id}/parts/{n}")
    @Consumes(MediaType.WILDCARD)
    public Response putPart(@PathParam("id") String id, @PathParam("n") int n, @Context HttpHeaders headers,
                            InputStream body) throws IOException {
        String len = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        DirectUploadService.Part p = direct.putPart(caller(), id, n, body, len == null ? -1 : Long.parseLong(len));
        return Response.ok(p).header("ETag", "\"" + p.etag() + "\"").build();
    }

    @GET
    @Path("/{id}/parts")
    public List<DirectUploadService.Part> parts(@PathParam("id") String id) throws IOException {
        return direct.parts(caller(), id);
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response complete(@PathParam("id") String id, Completion completion) throws IOException {
        if (completion == null || completion.parts() == null) throw ProblemException.badRequest("missing-parts", "list the parts to assemble");
        var accepted = direct.complete(caller(), id,
                completion.parts().stream().map(p -> new DirectUploadService.Part(p.partNumber(), p.etag(), -1)).toList());
        String videoId = accepted.video().id();
        return Response.status(accepted.duplicate() ? 200 : 201)
                .location(uri.getBaseUriBuilder().path("v1/videos").path(videoId).build())
                .entity(Map.of("videoId", videoId, "duplicate", accepted.duplicate())).build();
    }

    @DELETE
    @Path("/{id}")
    public Response abort(@PathParam("id") String id) throws IOException {
        direct.abort(caller(), id);
        return Response.noContent().build();
    }

    private Caller caller() { return callers.signedIn(security); }

    private jakarta.ws.rs.core.UriBuilder self(String id) { return uri.getBaseUriBuilder().path("v1/direct-uploads").path(id); }
}
