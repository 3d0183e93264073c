package io.kinora.stream.web;

import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * StreamForge compatibility (seed 002): GET /api/stream/{id}/{quality} is the progressive MP4 of one quality
 * (1080p, 720p, 360p ... whatever the ladder holds) with Range, ETag and conditional requests; {id} is the
 * video id (= StreamForge jobId). Same access rules and signed links as /api/v1/videos/{id}/mp4/{quality}.
 */
@Path("/stream")
public class StreamForgeStreamResource {
    @Inject MediaFiles files;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context Request request;
    @Context HttpHeaders headers;

    @QueryParam("exp") String exp;
    @QueryParam("sig") String sig;
    @QueryParam("nocache") String nocache;

    @GET
    @Path("/{id}/{quality}")
    @Operation(summary = "StreamForge: progressive MP4 of one quality, byte ranges supported")
    public Response get(@PathParam("id") String id, @PathParam("quality") String quality) throws IOException {
        return serve(id, quality, false);
    }

    @HEAD
    @Path("/{id}/{quality}")
    public Response head(@PathParam("id") String id, @PathParam("quality") String quality) throws IOException {
        return serve(id, quality, true);
    }

    private Response serve(String id, String quality, boolean head) throws IOException {
        MediaFiles.Grant g = files.authorize(id, callers.of(security), exp, sig);
        String q = MediaFiles.name(quality.endsWith(".mp4") ? quality.substring(0, quality.length() - 4) : quality);
        return files.serve(g, MediaFiles.keys(id).mp4(q), "video/mp4", request, headers,
                new MediaFiles.Options(head, "1".equals(nocache), null));
    }
}
