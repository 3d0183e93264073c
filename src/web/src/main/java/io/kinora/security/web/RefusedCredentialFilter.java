package io.kinora.security.web;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** Any API request whose credential the authentication mechanism refused ends here with 401 (or 429) + reason. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class RefusedCredentialFilter implements ContainerRequestFilter {
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (servletRequest.getAttribute(TokenAuthenticationMechanism.REFUSED)
                instanceof TokenAuthenticationMechanism.Refusal refused) {
            Response.ResponseBuilder b = Response.fromResponse(refused.problem().toResponse());
            refused.headers(b::header);
            request.abortWith(b.build());
        }
    }
}
