package io.kinora.catalog.web;

import io.kinora.catalog.application.Captions;
import io.kinora.catalog.application.VideoAccess;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Captions of a video: the owner uploads WebVTT per language; anyone who may watch sees the list. */
@Path("/v1/videos")
@Produces(MediaType.APPLICATION_JSON)
public class CaptionResource {
    @Inject Captions captions;
    @Inject VideoAccess access;
    @Inject Callers callers;
    @Inject io.kinora.captions.AutoCaptionJobs jobs;

    @Context SecurityContext security;

    @PUT
    @Path("/{id}/captions/{lang}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("id") String id, @PathParam("lang") String lang, InputStream body) throws IOException {
        access.manageable(id, callers.signedIn(security));
        captions.put(id, lang, body.readNBytes(Captions.MAX_BYTES + 1));
        return Response.noContent().build();
    }

    /**
     * Automatic captions for a video that is out, as a small job of their own (202; the video's {@code autoCaptions}
     * tells how it goes). {@code lang}: the language spoken (default: the engine's). The owner's own captions in that
     * language are never overwritten (409 captions-exist); an earlier automatic track of it is made again.
     */
    @POST
    @Path("/{id}/captions/auto")
    @Consumes(MediaType.WILDCARD)
    public Response auto(@PathParam("id") String id, @QueryParam("lang") String lang) throws IOException {
        var video = access.manageable(id, callers.signedIn(security));
        var r = jobs.start(video, lang);
        return Response.accepted(new VideoView.AutoCaptions(r.requested(), r.state().name(), r.lang(), r.engine(), r.note(),
                r.words(), r.audioSeconds(), r.recognizeSeconds(), r.updatedAt())).build();
    }

    @GET
    @Path("/{id}/captions")
    public List<String> list(@PathParam("id") String id) throws IOException {
        access.viewable(id, callers.of(security));
        return captions.languages(id);
    }

    @DELETE
    @Path("/{id}/captions/{lang}")
    public Response delete(@PathParam("id") String id, @PathParam("lang") String lang) throws IOException {
        access.manageable(id, callers.signedIn(security));
        captions.delete(id, lang);
        return Response.noContent().build();
    }
}
