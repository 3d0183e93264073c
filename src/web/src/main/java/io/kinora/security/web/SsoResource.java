package io.kinora.security.web;

import io.kinora.ops.web.RateLimited;
import io.kinora.security.application.SsoSignIn;
import io.kinora.security.application.TokenService;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;

/**
 * Sign-in through the company's SSO in the browser ({@link SsoSignIn}): {@code login} sends the browser to the
 * provider, the provider sends it back to {@code callback}, which hands the page a Kinora token in the URL fragment
 * (never sent to a server, so it reaches no access log) the way the password sign-in hands it one in JSON.
 */
@Path("/v1/auth/sso")
@PermitAll
public class SsoResource {
    static final String COOKIE = "kinora-sso";
    private static final String COOKIE_PATH = "/api/v1/auth/sso";

    @Inject SsoSignIn sso;
    @Inject TokenService tokens;
    @Context UriInfo uri;

    /** Whether the pages should offer "Sign in with SSO". */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return Map.of("enabled", sso.enabled(), "login", COOKIE_PATH + "/login");
    }

    @RateLimited("auth")
    @GET
    @Path("/login")
    public Response login(@QueryParam("return") String returnTo) {
        SsoSignIn.Start start = sso.begin(callback(), returnTo);
        return Response.seeOther(start.authorization()).cookie(cookie(start.pending(), (int) SsoSignIn.PENDING_TTL.toSeconds())).build();
    }

    @RateLimited("auth")
    @GET
    @Path("/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @QueryParam("error_description") String description,
                             @CookieParam(COOKIE) String pending) {
        SsoSignIn.Finished done = sso.complete(callback(), code, state, error, description, pending);
        TokenService.Issued token = tokens.issue(done.account());
        // the base is <app>/api/: the pages sit one level up
        URI page = uri.getBaseUri().resolve(".." + done.returnPath()
                + "#sso-token=" + token.token() + "&expires_in=" + token.expiresInSeconds());
        // the state cookie is spent: a replayed callback finds none
        return Response.seeOther(page).cookie(cookie("", 0)).header("Cache-Control", "no-store").build();
    }

    private URI callback() {
        return sso.callback(uri.getBaseUriBuilder().path(SsoResource.class).path("callback").build());
    }

    /** HttpOnly, and SameSite=Lax: the provider's redirect back is a top-level GET, which Lax lets through. */
    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path(COOKIE_PATH).maxAge(maxAge).httpOnly(true)
                .secure("https".equals(uri.getBaseUri().getScheme())).sameSite(NewCookie.SameSite.LAX).build();
    }
}
