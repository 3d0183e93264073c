package io.kinora.embed.web;

import io.kinora.embed.CrossOrigin;
import io.kinora.problem.ProblemException;
import io.kinora.web.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * CORS for the REST API (media is answered by the media filter before JAX-RS): preflights answered before any
 * resource matches (204, or 403 problem+json {@code cors-origin-not-allowed}), and Access-Control-Allow-Origin
 * on the answers to the origins {@link CrossOrigin#api} allows. oEmbed describes only public and unlisted videos
 * and is answered like media ({@link CrossOrigin#openMedia}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class ApiCors implements ContainerRequestFilter, ContainerResponseFilter {
    static final String OEMBED = "v1/oembed";

    @Inject CrossOrigin crossOrigin;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        String method = request.getHeaderString("Access-Control-Request-Method");
        if (!"OPTIONS".equals(request.getMethod()) || origin == null || method == null) return;
        Response.ResponseBuilder ok = Response.noContent();
        try {
            CrossOrigin.Answer a = open(request) ? crossOrigin.mediaPreflight(origin, method, null) : crossOrigin.apiPreflight(origin);
            ok.header("Access-Control-Allow-Origin", a.allowOrigin())
                    .header("Access-Control-Allow-Methods", open(request) ? "GET, HEAD, OPTIONS" : CrossOrigin.API_METHODS)
                    .header("Access-Control-Max-Age", "86400");
            String headers = request.getHeaderString("Access-Control-Request-Headers");
            if (headers != null && !headers.isBlank()) ok.header("Access-Control-Allow-Headers", headers);
            if (a.credentials()) ok.header("Access-Control-Allow-Credentials", "true");
            if (a.vary()) ok.header("Vary", "Origin");
            request.abortWith(ok.build());
        } catch (ProblemException e) {
            request.abortWith(Response.fromResponse(Problem.of(e).toResponse())
                    .header("Vary", "Origin").build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        if (h.containsKey("Access-Control-Allow-Origin")) return; // a preflight answered above
        String origin = request.getHeaderString("Origin");
        CrossOrigin.Answer a = open(request) ? crossOrigin.openMedia(origin) : crossOrigin.api(origin);
        if (a.vary()) h.add("Vary", "Origin");
        if (!a.allowed()) return;
        h.putSingle("Access-Control-Allow-Origin", a.allowOrigin());
        if (a.credentials()) h.putSingle("Access-Control-Allow-Credentials", "true");
        h.putSingle("Access-Control-Expose-Headers", CrossOrigin.API_EXPOSED);
    }

    private static boolean open(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) path = path.substring(1);
        return path.equals(OEMBED) || path.equals(OEMBED + "/");
    }
}
