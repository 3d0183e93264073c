package io.kinora.ingest.web;

import io.kinora.web.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * tus version negotiation: every request but OPTIONS must carry "Tus-Resumable: 1.0.0" (else 412 with
 * Tus-Version), every answer carries Tus-Resumable. Runs before authorization so a wrong protocol is
 * reported as such.
 */
@Tus
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TusHeaders implements ContainerRequestFilter, ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) || request.getUriInfo().getPath().endsWith("/video")) return;
        String v = request.getHeaderString("Tus-Resumable");
        if (!Tus.VERSION.equals(v)) {
            request.abortWith(Response.fromResponse(Problem.of(412, "unsupported-tus-version",
                    "send Tus-Resumable: " + Tus.VERSION).toResponse()).header("Tus-Version", Tus.VERSION).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("Tus-Resumable", Tus.VERSION);
        if (response.getStatus() == 412) response.getHeaders().putSingle("Tus-Version", Tus.VERSION);
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }
}
