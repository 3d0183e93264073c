package io.kinora.security.web;

import io.kinora.ops.web.RateLimited;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.RegistrationPolicy;
import io.kinora.security.application.SsoSessions;
import io.kinora.security.application.SsoSignIn;
import io.kinora.security.application.TokenService;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
 * (never sent to a server, so it reaches no access log) the way the password sign-in hands it one in JSON. That token
 * is short-lived: the page renews it at {@code refresh} ({@link SsoSessions}); {@code logout} ends the session and
 * names the provider's logout page; the provider calls {@code backchannel-logout} to end sessions itself.
 */
@Path("/v1/auth/sso")
@PermitAll
public class SsoResource {
    static final String COOKIE = "kinora-sso";
    private static final String COOKIE_PATH = "/api/v1/auth/sso";

    @Inject SsoSignIn sso;
    @Inject SsoSessions sessions;
    @Inject TokenService tokens;
    @Inject RegistrationPolicy registration;
    @Context UriInfo uri;

    /** Whether the pages should offer "Sign in with SSO", and whether they may offer "Create account". */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return Map.of("enabled", sso.enabled(), "login", COOKIE_PATH + "/login", "registration", registration.open());
    }

    @RateLimited("auth")
    @GET
    @Path("/login")
    public Response login(@QueryParam("return") String returnTo, @HeaderParam("Accept") String accept) {
        try {
            SsoSignIn.Start start = sso.begin(callback(), returnTo);
            return Response.seeOther(start.authorization()).cookie(cookie(start.pending(), (int) SsoSignIn.PENDING_TTL.toSeconds())).build();
        } catch (ProblemException e) {
            return refusal(e, accept);
        }
    }

    @RateLimited("auth")
    @GET
    @Path("/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @QueryParam("error_description") String description,
                             @CookieParam(COOKIE) String pending, @HeaderParam("Accept") String accept) {
        SsoSignIn.Finished done;
        try {
            done = sso.complete(callback(), code, state, error, description, pending);
        } catch (ProblemException e) {
            return Response.fromResponse(refusal(e, accept)).cookie(cookie("", 0)).build();
        }
        TokenService.Issued token = tokens.issue(done.account(), done.session(), SsoSessions.tokenTtl());
        // the base is <app>/api/: the pages sit one level up
        URI page = uri.getBaseUri().resolve(".." + done.returnPath()
                + "#sso-token=" + token.token() + "&expires_in=" + token.expiresInSeconds());
        // the state cookie is spent: a replayed callback finds none
        return Response.seeOther(page).cookie(cookie("", 0)).header("Cache-Control", "no-store").build();
    }

    public record TokenBody(String token) { }

    /** A new token for the SSO session of the given one (which may have expired): 401 sso-session-ended when it ended. */
    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AuthResource.TokenResponse refresh(TokenBody body) {
        if (body == null || body.token() == null) throw ProblemException.badRequest("missing-token", "send {\"token\"}");
        TokenService.Issued t = sessions.refresh(body.token());
        return new AuthResource.TokenResponse(t.token(), "Bearer", t.expiresInSeconds());
    }

    public record SignedOut(String redirect) { }

    /**
     * Ends the SSO session of the given token and answers where the browser goes next: the provider's logout
     * (RP-initiated, so the next sign-in asks for the password), which then sends it back to Kinora's first page.
     */
    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public SignedOut logout(TokenBody body) {
        URI home = callback().resolve("../../../../");
        if (body == null || body.token() == null) return new SignedOut(home.toString());
        return new SignedOut(sessions.signOut(body.token(), home).orElse(home).toString());
    }

    /** OIDC Back-Channel Logout: the provider POSTs a logout token; 200 when it checked out, 400 otherwise. */
    @POST
    @Path("/backchannel-logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response backChannelLogout(@FormParam("logout_token") String logoutToken) {
        if (logoutToken == null || logoutToken.isBlank()) {
            throw ProblemException.badRequest("invalid-logout-token", "no logout_token");
        }
        return Response.ok(Map.of("ended", sessions.backChannelLogout(logoutToken))).header("Cache-Control", "no-store").build();
    }

    /** A browser (it asks for HTML) gets a page saying what to do; an API client the problem+json. */
    private Response refusal(ProblemException e, String accept) {
        if (accept != null && accept.contains("text/html")) {
            return SsoRefusalPage.of(e, uri.getBaseUri().resolve("..").toString());
        }
        throw e;
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
