package io.kinora.embed.web;

import io.kinora.embed.OEmbed;
import io.kinora.web.Links;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** oEmbed (https://oembed.com) for watch and embed URLs; the rules are {@link OEmbed}'s. */
@Path("/v1/oembed")
public class OEmbedResource {
    @Inject OEmbed oembed;
    @Context UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "oEmbed 1.0 for a watch (/watch/{id}, /#/watch/{id}) or embed (/embed/{id}) URL of a public or unlisted video: type video with the iframe html; maxwidth/maxheight honoured keeping the aspect ratio; 404 unknown or private, 501 for format other than json")
    public Response oembed(@QueryParam("url") String url, @QueryParam("maxwidth") String maxWidth,
                           @QueryParam("maxheight") String maxHeight, @QueryParam("format") String format) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(oembed.describe(url, maxWidth, maxHeight, format, root(uri)), MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(cache).build();
    }

    /** Kinora's root URL (the pages), e.g. http://host/, from the API base http://host/api/. */
    static String root(UriInfo uri) {
        String base = Links.base(uri);
        return base.endsWith("api/") ? base.substring(0, base.length() - 4) : base;
    }
}
