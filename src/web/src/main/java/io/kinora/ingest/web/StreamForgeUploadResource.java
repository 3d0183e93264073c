package io.kinora.ingest.web;

import io.kinora.catalog.application.Visibilities;
import io.kinora.ops.web.RateLimited;
import io.kinora.ingest.application.IngestService;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * StreamForge compatibility (seed 002): multipart/form-data with the file in field "video"; answers as soon
 * as the file is stored and queued. The job execution does not exist yet at that point (the encode job is
 * started by the queue listener), so {@code jobId} is the video id, which the StreamForge job endpoints accept.
 */
@Path("/upload")
public class StreamForgeUploadResource {
    @Inject IngestService ingest;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context UriInfo uri;

    @RateLimited("upload")
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@FormParam("video") EntityPart video, @FormParam("title") String title,
                           @FormParam("visibility") String visibility) throws IOException {
        Caller caller = callers.signedIn(security);
        if (video == null) throw ProblemException.badRequest("missing-file", "send the file in the form field 'video'");
        IngestService.Accepted accepted;
        try (InputStream in = video.getContent()) {
            accepted = ingest.accept(new IngestService.Request(caller.userId(), video.getFileName().orElse(null), title,
                    Visibilities.parse(visibility), null, caller.admin()), in);
        }
        String id = accepted.video().id();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", id);
        body.put("videoId", id);
        body.put("status", accepted.video().status().name());
        body.put("duplicate", accepted.duplicate());
        return Response.status(accepted.duplicate() ? 200 : 202)
                .location(uri.getBaseUriBuilder().path("v1/videos").path(id).build()).entity(body).build();
    }

}
