package io.kinora.stream.web;

import io.kinora.catalog.application.VideoAccess;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.stream.UrlSigner;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Signed, expiring links that let anyone holding them play one video, private ones included. */
@Path("/v1/videos")
@Produces(MediaType.APPLICATION_JSON)
public class ShareResource {
    @Inject VideoAccess access;
    @Inject UrlSigner signer;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context UriInfo uri;

    /** {@code url}: the master playlist; {@code mp4}: progressive file per published rendition; all with one signature. */
    public record Share(String url, Instant expiresAt, Map<String, String> mp4) { }

    @POST
    @Path("/{id}/share")
    @Operation(summary = "Signed, expiring link to the master playlist (owner or admin); ttlSeconds 1..max (kinora.stream.signed-url.max-ttl-seconds)")
    public Share share(@PathParam("id") String id, @QueryParam("ttlSeconds") Long ttlSeconds) {
        Video v = access.manageable(id, callers.signedIn(security));
        UrlSigner.Signature s = signer.sign(v.id(), ttlSeconds);
        String base = io.kinora.web.Links.base(uri) + "v1/videos/" + v.id();
        Map<String, String> mp4 = new LinkedHashMap<>();
        for (Rendition r : v.renditions()) {
            if (r.status() == Rendition.Status.PUBLISHED) mp4.put(r.name(), base + "/mp4/" + r.name() + "?" + s.query());
        }
        return new Share(base + "/hls/master.m3u8?" + s.query(), s.expiresAt(), mp4);
    }
}
