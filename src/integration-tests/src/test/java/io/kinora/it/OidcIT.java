package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Management;
import io.kinora.it.support.NodeScript;
import jakarta.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enterprise SSO: access tokens from a real OpenID Connect provider (discovery, JWKS and token endpoint over
 * HTTP) are accepted as bearer tokens; the account is provisioned on first use and roles come from a claim.
 * Tokens of another issuer, for another audience, expired, or naming a local account are refused. People sign in
 * in the browser through the provider (authorization code flow with PKCE), driven here by an HTTP client that keeps
 * cookies and follows each redirect by hand, as a browser would.
 */
class OidcIT extends AgainstTheServer {
    static final String ISSUER_ID = "company";
    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    private final Api api = Api.local();

    @BeforeAll
    static void provider() {
        PROVIDER.start();
        Management.setSystemProperty("kinora.oidc.issuer", PROVIDER.issuerUrl(ISSUER_ID).toString());
        Management.setSystemProperty("kinora.oidc.jwks-uri", PROVIDER.jwksUrl(ISSUER_ID).toString());
        Management.setSystemProperty("kinora.oidc.client-id", "kinora");
    }

    @AfterAll
    static void stop() {
        for (String k : List.of("kinora.oidc.issuer", "kinora.oidc.jwks-uri", "kinora.oidc.client-id")) {
            Management.removeSystemProperty(k);
        }
        PROVIDER.shutdown();
    }

    private static String token(String issuerId, String audience, String username, List<String> groups, long seconds) {
        return PROVIDER.issueToken(issuerId, "client-" + username, new DefaultOAuth2TokenCallback(issuerId,
                "sub-" + username, "JWT", List.of(audience), Map.of("preferred_username", username, "groups", groups,
                "email", username + "@example.com"), seconds)).serialize();
    }

    @Test
    void anAdminFromTheProviderIsProvisionedWithItsRoles() {
        String token = token(ISSUER_ID, "kinora", "sso-alice", List.of("admin", "staff"), 600);
        Api.Reply me = api.get("/api/v1/users/me", Api.bearer(token));
        assertEquals(200, me.status(), me.body());
        JsonObject body = me.json();
        assertEquals("sso-alice", body.getString("username"));
        assertEquals("OIDC", body.getString("origin"));
        assertTrue(body.getJsonArray("roles").toString().contains("admin"), body.toString());
        assertEquals(200, api.get("/api/v1/admin/users?limit=500", Api.bearer(token)).status());
    }

    /** Issue 19 (5): the provider's tokens issued before "sign out everywhere" or disabling are refused too. */
    @Test
    void providerTokensEndWithSignOutEverywhere() throws Exception {
        String before = token(ISSUER_ID, "kinora", "sso-carol", List.of("staff"), 600);
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(before)).status());
        assertEquals(204, api.send("POST", "/api/v1/users/me/sign-out-everywhere", null, null, Api.bearer(before)).status());
        Api.Reply refused = api.get("/api/v1/users/me", Api.bearer(before));
        assertEquals(401, refused.status(), refused.body());
        assertEquals("invalid-token", refused.json().getString("code"));
        Thread.sleep(1100); // iat has whole seconds: a token of the next second
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(token(ISSUER_ID, "kinora", "sso-carol", List.of("staff"), 600))).status());
    }

    @Test
    void aPlainUserGetsNoAdminRights() {
        String token = token(ISSUER_ID, "kinora", "sso-bob", List.of("staff"), 600);
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(token)).status());
        Api.Reply admin = api.get("/api/v1/admin/users", Api.bearer(token));
        assertEquals(403, admin.status(), admin.body());
    }

    @Test
    void aTokenFromTheProvidersTokenEndpointWorks() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(PROVIDER.tokenEndpointUrl(ISSUER_ID).toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=kinora&client_secret=s&scope=kinora"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String accessToken = new Api.Reply(200, Map.of(), r.body()).json().getString("access_token");
        Api.Reply me = api.get("/api/v1/users/me", Api.bearer(accessToken));
        assertEquals(200, me.status(), me.body());
    }

    @Test
    void foreignExpiredOrMisdirectedTokensAreRefused() {
        for (String bad : List.of(
                token("another-company", "kinora", "sso-eve", List.of("admin"), 600),   // other issuer
                token(ISSUER_ID, "some-other-app", "sso-eve", List.of("admin"), 600),   // other audience
                token(ISSUER_ID, "kinora", "sso-eve", List.of("admin"), -120),          // expired
                typed("ID", "sso-eve"),                                                  // an ID token (Keycloak's typ)
                typed("Logout", "sso-eve"))) {                                           // a logout token
            Api.Reply r = api.get("/api/v1/users/me", Api.bearer(bad));
            assertEquals(401, r.status(), r.body());
            assertEquals("invalid-token", r.json().getString("code"));
        }
        // a token naming a local account is the provider's person, not that account: refused, and said why (issue 21)
        Api.Reply local = api.get("/api/v1/users/me", Api.bearer(token(ISSUER_ID, "kinora", AuthIT.ADMIN, List.of("admin"), 600)));
        assertEquals(403, local.status(), local.body());
        assertEquals("sso-account-conflict", local.json().getString("code"));
    }

    /** A token of this issuer for Kinora whose typ claim says what it is (Keycloak: Bearer, ID, Logout). */
    private static String typed(String typ, String username) {
        return PROVIDER.issueToken(ISSUER_ID, "client-" + username, new DefaultOAuth2TokenCallback(ISSUER_ID,
                "sub-" + username, "JWT", List.of("kinora"), Map.of("preferred_username", username, "typ", typ), 600)).serialize();
    }

    /** SSO accounts are the provider's people (issuer + subject): a new subject under a taken SSO name is refused. */
    @Test
    void accountsAreKeyedByIssuerAndSubjectNotByName() {
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(token(ISSUER_ID, "kinora", "sso-frank", List.of(), 600))).status());
        String impostor = PROVIDER.issueToken(ISSUER_ID, "client", new DefaultOAuth2TokenCallback(ISSUER_ID, "another-subject",
                "JWT", List.of("kinora"), Map.of("preferred_username", "sso-frank"), 600)).serialize();
        Api.Reply r = api.get("/api/v1/users/me", Api.bearer(impostor));
        assertEquals(403, r.status(), r.body());
        assertEquals("sso-account-conflict", r.json().getString("code"));
    }

    /** With a provider configured, self-registration is off unless kinora.registration.enabled says otherwise. */
    @Test
    void selfRegistrationIsOffWhileSsoIsOn() {
        Api.Reply status = api.get("/api/v1/auth/sso");
        assertFalse(status.json().getBoolean("registration"), status.body());
        Api.Reply r = api.postJson("/api/v1/users", "{\"username\":\"grace\",\"password\":\"grace-password-1\"}");
        assertEquals(403, r.status(), r.body());
        assertEquals("registration-disabled", r.json().getString("code"));
    }

    /** A refused browser sign-in is a page that says what to do; an API client still gets problem+json. */
    @Test
    void aRefusedBrowserSignInIsAReadablePage() throws Exception {
        HttpResponse<String> page = browser().send(HttpRequest.newBuilder(URI.create(api.base()
                + "/api/v1/auth/sso/callback?code=x&state=y")).header("Accept", "text/html,application/xhtml+xml").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("data-code=\"sso-state-invalid\"") && page.body().contains("What to do"), page.body());
    }
    /** A browser: keeps cookies, does not follow redirects (each hop is asserted). */
    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static HttpResponse<String> get(HttpClient browser, URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<String> r) {
        return r.uri().resolve(r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + r)));
    }

    private static Map<String, String> params(String encoded) {
        Map<String, String> m = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String code(HttpResponse<String> problem) {
        return new Api.Reply(problem.statusCode(), Map.of(), problem.body()).json().getString("code");
    }

    /** Starts a sign-in: the redirect to the provider's authorization endpoint, with the state cookie set. */
    private URI startSignIn(HttpClient browser, String returnTo) throws Exception {
        HttpResponse<String> login = get(browser, URI.create(api.base() + "/api/v1/auth/sso/login?return=" + returnTo));
        assertEquals(303, login.statusCode(), login.body());
        assertTrue(login.headers().firstValue("Set-Cookie").orElse("").contains("HttpOnly"), login.headers().toString());
        return location(login);
    }

    @Test
    void peopleSignInThroughTheProviderInTheBrowser() throws Exception {
        Api.Reply status = api.get("/api/v1/auth/sso");
        assertEquals(200, status.status(), status.body());
        assertTrue(status.json().getBoolean("enabled"), status.body());

        HttpClient browser = browser();
        URI authorize = startSignIn(browser, "admin");
        assertTrue(authorize.toString().startsWith(PROVIDER.authorizationEndpointUrl(ISSUER_ID).toString()), authorize.toString());
        Map<String, String> request = params(authorize.getRawQuery());
        assertEquals("code", request.get("response_type"));
        assertEquals("kinora", request.get("client_id"));
        assertEquals("S256", request.get("code_challenge_method"));
        assertTrue(request.get("scope").contains("openid"), request.toString());
        assertNotNull(request.get("state"));
        assertNotNull(request.get("nonce"));

        // the person signs in at the provider, which sends the browser back with a code
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-sso-carol", "JWT", List.of("kinora"),
                Map.of("preferred_username", "sso-carol", "groups", List.of("admin"), "email", "carol@example.com"), 600));
        HttpResponse<String> atProvider = get(browser, authorize);
        assertEquals(302, atProvider.statusCode(), atProvider.body());
        URI back = location(atProvider);
        assertEquals("/api/v1/auth/sso/callback", back.getPath());
        assertEquals(request.get("state"), params(back.getRawQuery()).get("state"));

        HttpResponse<String> done = get(browser, back);
        assertEquals(303, done.statusCode(), done.body());
        URI page = location(done);
        assertEquals("/admin/", page.getPath(), page.toString());
        Map<String, String> handed = params(page.getRawFragment());
        // short-lived (kinora.oidc.token-ttl, 5 min): renewed through the provider's refresh token
        long expiresIn = Long.parseLong(handed.get("expires_in"));
        assertTrue(expiresIn > 0 && expiresIn <= 300, handed.toString());
        Api.Reply me = api.get("/api/v1/users/me", Api.bearer(handed.get("sso-token")));
        assertEquals(200, me.status(), me.body());
        assertEquals("sso-carol", me.json().getString("username"));
        assertEquals("OIDC", me.json().getString("origin"));
        assertTrue(me.json().getJsonArray("roles").toString().contains("admin"), me.body());

        // the state cookie was spent: the same callback again is refused
        HttpResponse<String> replay = get(browser, back);
        assertEquals(400, replay.statusCode(), replay.body());
        assertEquals("sso-state-invalid", code(replay));
    }

    /** A whole browser sign-in through the mock provider; the Kinora token the page gets. */
    private String signInThroughTheProvider(String username, String providerSession) throws Exception {
        HttpClient browser = browser();
        URI authorize = startSignIn(browser, "app");
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-" + username, "JWT", List.of("kinora"),
                Map.of("preferred_username", username, "groups", List.of("staff"), "sid", providerSession), 600));
        HttpResponse<String> done = get(browser, location(get(browser, authorize)));
        assertEquals(303, done.statusCode(), done.body());
        return params(location(done).getRawFragment()).get("sso-token");
    }

    private static String logoutToken(String providerSession, String typ) {
        return PROVIDER.issueToken(ISSUER_ID, "kinora", new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-x", typ,
                List.of("kinora"), Map.of("sid", providerSession,
                        "events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())), 120)).serialize();
    }

    @Test
    void theProvidersBackChannelLogoutEndsTheSessionAtOnce() throws Exception {
        String token = signInThroughTheProvider("sso-heidi", "mock-sid-heidi");
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(token)).status());
        Api.Reply renewed = api.postJson("/api/v1/auth/sso/refresh", "{\"token\":\"" + token + "\"}");
        assertEquals(200, renewed.status(), renewed.body());

        // a logout token is not a bearer token, and a forged one (not the provider's signature) ends nothing
        assertEquals(401, api.get("/api/v1/users/me", Api.bearer(logoutToken("mock-sid-heidi", "logout+jwt"))).status());
        String[] parts = logoutToken("mock-sid-heidi", "logout+jwt").split("\\.");
        Api.Reply forged = api.send("POST", "/api/v1/auth/sso/backchannel-logout", "logout_token=" + parts[0] + "." + parts[1]
                + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA", "application/x-www-form-urlencoded");
        assertEquals(400, forged.status(), forged.body());
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(token)).status());

        Api.Reply out = api.send("POST", "/api/v1/auth/sso/backchannel-logout",
                "logout_token=" + logoutToken("mock-sid-heidi", "logout+jwt"), "application/x-www-form-urlencoded");
        assertEquals(200, out.status(), out.body());
        assertEquals(1, out.json().getInt("ended"));
        assertEquals(401, api.get("/api/v1/users/me", Api.bearer(token)).status());
        Api.Reply again = api.postJson("/api/v1/auth/sso/refresh", "{\"token\":\"" + token + "\"}");
        assertEquals(401, again.status(), again.body());
        assertEquals("sso-session-ended", again.json().getString("code"));
    }

    /** Kinora's sign-out ends the session and sends the browser to the provider's logout with the ID token as hint. */
    @Test
    void signOutGoesOnToTheProvidersLogout() throws Exception {
        String token = signInThroughTheProvider("sso-ivan", "mock-sid-ivan");
        Api.Reply out = api.postJson("/api/v1/auth/sso/logout", "{\"token\":\"" + token + "\"}");
        assertEquals(200, out.status(), out.body());
        URI redirect = URI.create(out.json().getString("redirect"));
        assertTrue(redirect.toString().startsWith(PROVIDER.endSessionEndpointUrl(ISSUER_ID).toString()), redirect.toString());
        Map<String, String> q = params(redirect.getRawQuery());
        assertNotNull(q.get("id_token_hint"), q.toString());
        assertEquals(api.base() + "/", q.get("post_logout_redirect_uri"));
        assertEquals(401, api.get("/api/v1/users/me", Api.bearer(token)).status());
    }

    @Test
    void forgedRefusedOrStrayCallbacksAreRefused() throws Exception {
        // no sign-in started in this browser
        HttpResponse<String> stray = get(browser(), URI.create(api.base() + "/api/v1/auth/sso/callback?code=x&state=y"));
        assertEquals(400, stray.statusCode(), stray.body());
        assertEquals("sso-state-invalid", code(stray));

        HttpClient browser = browser();
        String state = params(startSignIn(browser, "app").getRawQuery()).get("state");
        String callback = api.base() + "/api/v1/auth/sso/callback";
        // another sign-in's state (a forged callback)
        HttpResponse<String> forged = get(browser, URI.create(callback + "?code=x&state=not-" + state));
        assertEquals(400, forged.statusCode(), forged.body());
        assertEquals("sso-state-invalid", code(forged));
        // the person cancelled at the provider
        HttpResponse<String> cancelled = get(browser, URI.create(callback + "?error=access_denied&state=" + state));
        assertEquals(401, cancelled.statusCode(), cancelled.body());
        assertEquals("sso-refused", code(cancelled));
        // a code this sign-in never got: the mock provider still trades it for tokens (a real one answers
        // invalid_grant, sso-token-refused), but their ID token lacks this sign-in's nonce
        HttpResponse<String> made = get(browser, URI.create(callback + "?code=made-up&state=" + state));
        assertEquals(401, made.statusCode(), made.body());
        assertEquals("sso-token-invalid", code(made));
    }
    @Test
    void theSignInPagesOfferTheCompanysSsoInARealBrowser() throws Exception {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-sso-dave", "JWT", List.of("kinora"),
                Map.of("preferred_username", "sso-dave", "groups", List.of("staff")), 600));
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-sso-erin", "JWT", List.of("kinora"),
                Map.of("preferred_username", "sso-erin", "groups", List.of("admin")), 600));
        JsonObject r = NodeScript.run("sso-scenario.cjs", "playwright-core", Duration.ofMinutes(3),
                api.base(), NodeScript.screenshots().toString());
        assertEquals(List.of(), r.getJsonArray("pageErrors").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("sso-dave", r.getString("appUser"));
        assertEquals(api.base() + "/#/library", r.getString("appUrl"), "the token left the address bar");
        assertEquals("sso-erin", r.getString("adminUser"));
        assertEquals(api.base() + "/admin/", r.getString("adminUrl"));
    }
}
