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

    @Context SecurityContext security;

    @PUT
    @Path("/{id}/captions/{lang}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("id") String id, @PathParam("lang") String lang, InputStream body) throws IOException {
        access.manageable(id, callers.signedIn(security));
        captions.put(id, lang, body.readNBytes(Captions.MAX_BYTES + 1));
        return Response.noContent().build();
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
