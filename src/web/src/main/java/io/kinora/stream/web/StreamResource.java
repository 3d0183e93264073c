package io.kinora.stream.web;

import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.problem.ProblemException;
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

/**
 * HLS playlists and segments, progressive MP4 per quality, thumbnails and downloads, straight from the store.
 * Every path also accepts a signed link (?exp=&sig=, see POST .../share); ?nocache=1 answers Cache-Control: no-store.
 */
@Path("/v1/videos")
public class StreamResource {
    @Inject MediaFiles files;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context Request request;
    @Context HttpHeaders headers;

    @QueryParam("exp") String exp;
    @QueryParam("sig") String sig;
    @QueryParam("nocache") String nocache;

    @GET @Path("/{id}/hls/master.m3u8")
    public Response master(@PathParam("id") String id) throws IOException {
        return serve(id, MediaFiles.keys(id).master(), "application/vnd.apple.mpegurl", false, null);
    }

    @GET @Path("/{id}/hls/{rendition}/{file}")
    public Response hls(@PathParam("id") String id, @PathParam("rendition") String rendition,
                        @PathParam("file") String file) throws IOException {
        return serve(id, MediaFiles.keys(id).hlsDir(MediaFiles.name(rendition)) + MediaFiles.name(file),
                MediaFiles.contentType(file), false, null);
    }

    @GET @Path("/{id}/mp4/{rendition}")
    public Response mp4(@PathParam("id") String id, @PathParam("rendition") String rendition) throws IOException {
        return serve(id, MediaFiles.keys(id).mp4(MediaFiles.name(rendition)), "video/mp4", false, null);
    }

    @HEAD @Path("/{id}/mp4/{rendition}")
    public Response mp4Head(@PathParam("id") String id, @PathParam("rendition") String rendition) throws IOException {
        return serve(id, MediaFiles.keys(id).mp4(MediaFiles.name(rendition)), "video/mp4", true, null);
    }

    @GET @Path("/{id}/thumbs/{file}")
    public Response thumbs(@PathParam("id") String id, @PathParam("file") String file) throws IOException {
        return serve(id, MediaFiles.keys(id).root() + "thumbs/" + MediaFiles.name(file), MediaFiles.contentType(file),
                false, null);
    }

    /** The uploaded file as it came, for its owner or an admin only (it may hold metadata the renditions do not). */
    @GET @Path("/{id}/download/original")
    public Response original(@PathParam("id") String id) throws IOException {
        MediaFiles.Grant g = files.authorize(id, callers.of(security), null, null);
        Video v = g.video();
        if (!callers.of(security).mayManage(v.ownerId())) {
            throw ProblemException.forbidden("not-owner", "only the owner or an admin may download the original");
        }
        if (v.sourceKey() == null) throw ProblemException.notFound("original-deleted", "the original is no longer kept");
        String name = v.originalFilename() == null ? v.id() : v.originalFilename();
        return files.serve(g, v.sourceKey(), "application/octet-stream", request, headers,
                new MediaFiles.Options(false, true, name));
    }

    @GET @Path("/{id}/download/{rendition}")
    public Response download(@PathParam("id") String id, @PathParam("rendition") String rendition) throws IOException {
        MediaFiles.Grant g = files.authorize(id, callers.of(security), exp, sig);
        String r = MediaFiles.name(rendition);
        boolean published = g.video().renditions().stream()
                .anyMatch(x -> x.name().equals(r) && x.status() == Rendition.Status.PUBLISHED);
        if (!published) throw ProblemException.notFound("no-such-rendition", "no published rendition " + r);
        return files.serve(g, MediaFiles.keys(id).mp4(r), "video/mp4", request, headers,
                new MediaFiles.Options(false, "1".equals(nocache), g.video().title() + "-" + r + ".mp4"));
    }

    private Response serve(String id, String key, String contentType, boolean head, String downloadName) throws IOException {
        MediaFiles.Grant g = files.authorize(id, callers.of(security), exp, sig);
        return files.serve(g, key, contentType, request, headers, new MediaFiles.Options(head, "1".equals(nocache), downloadName));
    }
}
