package io.kinora.ingest.web;

import io.kinora.catalog.domain.Visibility;
import io.kinora.catalog.web.VideoView;
import io.kinora.ingest.application.IngestService;
import io.kinora.ingest.importer.UrlImporter;
import io.kinora.ops.web.RateLimited;
import io.kinora.problem.ProblemException;
import io.kinora.progress.ProgressBoard;
import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Import by URL: Kinora fetches an http(s) URL (public addresses only unless allow-listed) and ingests it like
 * an upload. 201 with the new video, 200 with the existing one for bytes the caller already has.
 */
@Path("/v1/videos/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {
    @Inject UrlImporter importer;
    @Inject ProgressBoard progress;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context UriInfo uri;

    public record ImportRequest(String url, String title, String visibility, String profile) { }

    @RateLimited("upload")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a video from an http(s) URL: {url, title?, visibility?, profile?}; 201 new, 200 duplicate")
    public Response importUrl(ImportRequest body) throws IOException {
        Caller caller = callers.signedIn(security);
        if (body == null) throw ProblemException.badRequest("import-invalid-url", "send {\"url\": ...}");
        var accepted = importer.importUrl(new IngestService.Request(caller.userId(), null, body.title(),
                Visibility.parse(body.visibility()), blankToNull(body.profile()), caller.admin()), body.url());
        String base = uri.getBaseUri().toString().replaceAll("/api/?$", "");
        VideoView view = VideoView.of(accepted.video(), progress.get(accepted.video().id()).orElse(null), base, caller.username());
        return Response.status(accepted.duplicate() ? 200 : 201)
                .location(uri.getBaseUriBuilder().path("v1/videos").path(accepted.video().id()).build())
                .header("X-Kinora-Duplicate", accepted.duplicate())
                .entity(view).build();
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
