package io.kinora.security.web;

import io.kinora.web.Problem;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** Any API request whose credential the authentication mechanism refused ends here with 401 + reason. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class RefusedCredentialFilter implements ContainerRequestFilter {
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (servletRequest.getAttribute(TokenAuthenticationMechanism.REFUSED) instanceof String[] refused) {
            request.abortWith(Response.fromResponse(Problem.of(401, refused[0], refused[1]).toResponse())
                    .header("WWW-Authenticate", "Bearer realm=\"kinora\", error=\"invalid_token\"").build());
        }
    }
}
