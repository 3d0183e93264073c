package io.kinora.stream.web;

import io.kinora.catalog.application.VideoAccess;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.Visibility;
import io.kinora.encode.application.VideoKeys;
import io.kinora.problem.ProblemException;
import io.kinora.storage.ObjectInfo;
import io.kinora.storage.ObjectStore;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.util.regex.Pattern;

/** HLS playlists and segments, progressive MP4 per quality, thumbnails: straight from the store. */
@Path("/v1/videos")
public class StreamResource {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,100}");

    @Inject ObjectStore store;
    @Inject VideoAccess access;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context Request request;
    @Context HttpHeaders headers;

    @GET @Path("/{id}/hls/master.m3u8")
    public Response master(@PathParam("id") String id) throws IOException {
        return serve(id, keys(id).master(), "application/vnd.apple.mpegurl", false);
    }

    @GET @Path("/{id}/hls/{rendition}/{file}")
    public Response hls(@PathParam("id") String id, @PathParam("rendition") String rendition,
                        @PathParam("file") String file) throws IOException {
        return serve(id, keys(id).hlsDir(name(rendition)) + name(file), contentType(file), false);
    }

    @GET @Path("/{id}/mp4/{rendition}")
    public Response mp4(@PathParam("id") String id, @PathParam("rendition") String rendition) throws IOException {
        return serve(id, keys(id).mp4(name(rendition)), "video/mp4", false);
    }

    @HEAD @Path("/{id}/mp4/{rendition}")
    public Response mp4Head(@PathParam("id") String id, @PathParam("rendition") String rendition) throws IOException {
        return serve(id, keys(id).mp4(name(rendition)), "video/mp4", true);
    }

    @GET @Path("/{id}/thumbs/{file}")
    public Response thumbs(@PathParam("id") String id, @PathParam("file") String file) throws IOException {
        return serve(id, keys(id).root() + "thumbs/" + name(file), contentType(file), false);
    }

    private Response serve(String id, String key, String contentType, boolean head) throws IOException {
        Video video = access.viewable(id, callers.of(security));
        ObjectInfo info = store.stat(key).orElseThrow(() -> ProblemException.notFound("no-such-file", "not available"));
        // published objects never change under their key: cache them hard; playlists can still grow
        String cache = video.visibility() == Visibility.PRIVATE ? "private, max-age=3600"
                : key.endsWith(".m3u8") ? "public, max-age=10" : "public, max-age=31536000, immutable";
        return RangeResponder.respond(store, info, contentType, request, headers, cache, head);
    }

    private static VideoKeys keys(String id) {
        try {
            return new VideoKeys(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no-such-video", "no such video");
        }
    }

    private static String name(String s) {
        if (!NAME.matcher(s).matches() || s.contains("..")) throw ProblemException.notFound("no-such-file", "not available");
        return s;
    }

    static String contentType(String file) {
        if (file.endsWith(".m3u8")) return "application/vnd.apple.mpegurl";
        if (file.endsWith(".m4s")) return "video/iso.segment";
        if (file.endsWith(".mp4")) return "video/mp4";
        if (file.endsWith(".jpg")) return "image/jpeg";
        if (file.endsWith(".vtt")) return "text/vtt";
        return "application/octet-stream";
    }
}
