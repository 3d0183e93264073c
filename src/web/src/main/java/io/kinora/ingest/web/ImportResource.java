package io.kinora.ingest.web;

import io.kinora.catalog.application.Visibilities;
import io.kinora.catalog.web.VideoView;
import io.kinora.ingest.application.IngestService;
import io.kinora.ingest.importer.UrlImporter;
import io.kinora.ingest.torrent.TorrentImports;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Import from a torrent, on the same path: a magnet link as the {@code url}, or a .torrent file as the raw body
 * ({@code application/x-bittorrent}) or as the {@code torrent} part of a form. Checked at once, then 202 with the
 * videos it created (one per video file); the download runs in the background ({@link TorrentImports}).
 */
@Path("/v1/videos/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {
    @Inject UrlImporter importer;
    @Inject TorrentImports torrents;
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
        if (body.url() != null && body.url().strip().regionMatches(true, 0, "magnet:", 0, 7)) {
            return accepted(caller, torrents.importMagnet(request(caller, body.title(), body.visibility(), body.profile()),
                    body.url()));
        }
        var accepted = importer.importUrl(new IngestService.Request(caller.userId(), null, body.title(),
                Visibilities.parse(body.visibility()), blankToNull(body.profile()), caller.admin()), body.url());
        String base = uri.getBaseUri().toString().replaceAll("/api/?$", "");
        VideoView view = VideoView.of(accepted.video(), progress.get(accepted.video().id()).orElse(null), base, caller.username());
        return Response.status(accepted.duplicate() ? 200 : 201)
                .location(uri.getBaseUriBuilder().path("v1/videos").path(accepted.video().id()).build())
                .header("X-Kinora-Duplicate", accepted.duplicate())
                .entity(view).build();
    }

    @RateLimited("upload")
    @POST
    @Consumes("application/x-bittorrent")
    @Operation(summary = "Import the videos of a .torrent file (raw body; ?title=&visibility=&profile=): 202 with the videos")
    public Response importTorrent(InputStream body, @QueryParam("title") String title,
                                  @QueryParam("visibility") String visibility, @QueryParam("profile") String profile)
            throws IOException {
        Caller caller = callers.signedIn(security);
        return accepted(caller, torrents.importTorrent(request(caller, title, visibility, profile), body));
    }

    @RateLimited("upload")
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import the videos of a .torrent file sent as the form part 'torrent': 202 with the videos")
    public Response importTorrentForm(@FormParam("torrent") EntityPart torrent, @FormParam("title") String title,
                                      @FormParam("visibility") String visibility, @FormParam("profile") String profile)
            throws IOException {
        Caller caller = callers.signedIn(security);
        if (torrent == null) throw ProblemException.badRequest("missing-file", "send the .torrent in the form part 'torrent'");
        try (InputStream in = torrent.getContent()) {
            return accepted(caller, torrents.importTorrent(request(caller, title, visibility, profile), in));
        }
    }

    private static IngestService.Request request(Caller caller, String title, String visibility, String profile) {
        return new IngestService.Request(caller.userId(), null, blankToNull(title), Visibilities.parse(visibility),
                blankToNull(profile), caller.admin());
    }

    private Response accepted(Caller caller, TorrentImports.Started started) {
        String base = uri.getBaseUri().toString().replaceAll("/api/?$", "");
        List<VideoView> views = started.videos().stream()
                .map(v -> VideoView.of(v, progress.get(v.id()).orElse(null), base, caller.username())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("importId", started.importId());
        body.put("name", started.name());
        body.put("infoHash", started.infoHash());
        body.put("videoIds", started.videos().stream().map(v -> v.id()).toList());
        body.put("videos", views);
        return Response.status(202)
                .location(uri.getBaseUriBuilder().path("v1/videos").path(started.videos().get(0).id()).build())
                .entity(body).build();
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
