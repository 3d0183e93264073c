package io.kinora.security.web;

import io.kinora.ops.web.RateLimited;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.AccountService;
import io.kinora.security.application.TokenService;
import io.kinora.web.ClientAddresses;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Exchanges a username and password for a bearer token. */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest request;

    public record Credentials(String username, String password) { }

    public record TokenResponse(String access_token, String token_type, long expires_in) { }

    @RateLimited("auth")
    @POST
    @Path("/token")
    @PermitAll
    public TokenResponse token(Credentials credentials) {
        if (credentials == null) throw ProblemException.badRequest("missing-credentials", "send {\"username\",\"password\"}");
        return accounts.authenticate(credentials.username(), credentials.password(), clients.of(request))
                .map(tokens::issue)
                .map(t -> new TokenResponse(t.token(), "Bearer", t.expiresInSeconds()))
                .orElseThrow(() -> ProblemException.unauthorized("invalid-credentials", "wrong username or password"));
    }
}
