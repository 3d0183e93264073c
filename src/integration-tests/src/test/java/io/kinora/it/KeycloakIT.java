package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Keycloak;
import io.kinora.it.support.Management;
import io.kinora.it.support.NodeScript;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enterprise SSO against the real thing (issue 21): the Keycloak distribution from Maven Central with the realm
 * Kinora ships, Kinora in WildFly, people in Chromium. Sign-in from the first page and sign-out that ends the
 * Keycloak session too (the next sign-in asks for the password); the linking policy against a squatted name; a
 * back-channel logout from Keycloak's console ending a Kinora session at once; a person disabled in Keycloak refused
 * within Kinora's SSO token lifetime; an ID token refused as a bearer token (and why, in the log); the provider's
 * failure on /api/health. mock-oauth2-server keeps the fast protocol-level cases ({@link OidcIT}).
 */
class KeycloakIT extends AgainstTheServer {
    static final String SECRET = "kinora-oidc-secret"; // the shipped realm's client secret
    /** Kinora's SSO token lifetime in this test: the documented worst case for a disabled person, shortened. */
    static final Duration TTL = Duration.ofSeconds(15);
    static final List<String> PROPERTIES = List.of("kinora.oidc.issuer", "kinora.oidc.client-id",
            "kinora.oidc.client-secret", "kinora.oidc.token-ttl", "kinora.oidc.jwks-uri", "kinora.registration.enabled");

    static Keycloak keycloak;
    static Api.Reply squatterByDefault;
    static JsonObject browser;
    static Keycloak.DeviceGrant device;

    private final Api api = Api.local();

    @BeforeAll
    static void keycloakAndThePeopleInTheBrowser() throws Exception {
        Api kinora = Api.local();
        keycloak = Keycloak.start(Path.of(System.getProperty("kinora.it.data.dir"), "keycloak"), kinora.base());
        System.out.println("KeycloakIT: Keycloak ready in " + keycloak.startup().toMillis() + " ms");
        Management.setSystemProperty("kinora.oidc.issuer", keycloak.issuer());
        Management.setSystemProperty("kinora.oidc.client-id", "kinora");
        Management.setSystemProperty("kinora.oidc.client-secret", SECRET);
        Management.setSystemProperty("kinora.oidc.token-ttl", TTL.toString());
        keycloak.createUser("carol", "carol-pw");
        keycloak.createUser("dave", "dave-pw");
        keycloak.createUser("erin", "erin-pw");
        keycloak.realmRole("erin", "admin", true);

        // the linking policy: with a provider configured, nobody registers a local account by default ...
        squatterByDefault = kinora.postJson("/api/v1/users", "{\"username\":\"bob\",\"password\":\"squatter-password-1\"}");
        // ... and where an operator turned registration on anyway, a name taken first stays taken
        Management.setSystemProperty("kinora.registration.enabled", "true");
        Api.Reply squatted = kinora.postJson("/api/v1/users", "{\"username\":\"bob\",\"password\":\"squatter-password-1\"}");
        assertEquals(201, squatted.status(), squatted.body());
        Management.removeSystemProperty("kinora.registration.enabled");

        // a script's token (README): the device grant, approved in the browser below
        device = keycloak.startDeviceGrant(SECRET);
        assertEquals(200, device.answer().status(), device.answer().body());

        Files.createDirectories(NodeScript.screenshots());
        browser = NodeScript.run("keycloak-scenario.cjs", "playwright-core", Duration.ofMinutes(4), kinora.base(),
                NodeScript.screenshots().toString(), device.verificationUri(), "alice:alice", "bob:bob", "carol:carol-pw", "dave:dave-pw", "erin:erin-pw");
    }

    @AfterAll
    static void stop() {
        PROPERTIES.forEach(Management::removeSystemProperty);
        if (keycloak != null) keycloak.close();
    }

    @Test
    void signOutEndsTheKeycloakSessionSoTheNextSignInAsksForThePassword() {
        assertEquals(List.of(), browser.getJsonArray("pageErrors").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("alice", browser.getString("signedIn"));
        assertTrue(browser.getString("keycloakLoginPage").startsWith(keycloak.issuer()), browser.toString());
        assertEquals(keycloak.issuer() + "/protocol/openid-connect/logout", browser.getString("logoutRequest"));
        assertTrue(browser.getBoolean("logoutHasHint"), "id_token_hint: " + browser);
        assertTrue(browser.getString("afterSignOut").startsWith(api.base() + "/"), browser.toString());
        assertTrue(browser.getBoolean("askedForPasswordAgain"), browser.toString());
    }

    @Test
    void aSquattedNameNeitherTakesOverNorShowsJson() {
        assertEquals(403, squatterByDefault.status(), squatterByDefault.body());
        assertEquals("registration-disabled", squatterByDefault.json().getString("code"));
        assertEquals("sso-account-conflict", browser.getString("conflictCode"), browser.toString());
        assertTrue(browser.getString("conflictText").contains("What to do"), browser.toString());
        // the squatter's account stays the squatter's: Keycloak's bob did not get into it
        Api.Reply squatter = api.get("/api/v1/users/me", Api.basic("bob", "squatter-password-1"));
        assertEquals("LOCAL", squatter.json().getString("origin"), squatter.body());
    }

    /** A fresh Kinora token of the SSO session the browser's token belongs to: the page's own renewal. */
    private String renewed(String token) {
        Api.Reply r = api.postJson("/api/v1/auth/sso/refresh", "{\"token\":\"" + token + "\"}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().getInt("expires_in") <= TTL.toSeconds(), r.body());
        return r.json().getString("access_token");
    }

    private Api.Reply refresh(String token) {
        return api.postJson("/api/v1/auth/sso/refresh", "{\"token\":\"" + token + "\"}");
    }

    @Test
    void keycloaksBackChannelLogoutEndsTheKinoraSessionAtOnce() {
        String token = renewed(browser.getJsonObject("tokens").getString("carol"));
        long issued = System.nanoTime();
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(token)).status());
        keycloak.logout("carol"); // the console's "Sign out": Keycloak POSTs a logout token to Kinora
        Api.Reply after = api.get("/api/v1/users/me", Api.bearer(token));
        assertTrue(Duration.ofNanos(System.nanoTime() - issued).compareTo(TTL) < 0, "the token had not expired yet");
        assertEquals(401, after.status(), after.body());
        Api.Reply renewal = refresh(token);
        assertEquals(401, renewal.status(), renewal.body());
        assertEquals("sso-session-ended", renewal.json().getString("code"));
    }

    @Test
    void aPersonDisabledInKeycloakIsRefusedWithinTheTokenLifetime() {
        String token = renewed(browser.getJsonObject("tokens").getString("dave"));
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(token)).status());
        keycloak.setEnabled("dave", false);
        long disabled = System.nanoTime();
        // as the page does: use the token, renew it when it lapses, until Kinora refuses
        Api.Reply refused = null;
        while (Duration.ofNanos(System.nanoTime() - disabled).compareTo(TTL.plusSeconds(5)) < 0) {
            if (api.get("/api/v1/users/me", Api.bearer(token)).status() == 401) {
                Api.Reply renewal = refresh(token);
                if (renewal.status() != 200) {
                    refused = renewal;
                    break;
                }
                token = renewal.json().getString("access_token");
            }
            Videos.sleep(500);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - disabled);
        assertNotNull(refused, "still signed in " + took.toSeconds() + " s after being disabled in Keycloak");
        assertEquals(401, refused.status(), refused.body());
        assertEquals("sso-session-ended", refused.json().getString("code"));
        System.out.println("KeycloakIT: disabled person refused after " + took.toMillis() + " ms (token lifetime " + TTL + ")");
    }

    @Test
    void aPersonDemotedInKeycloakLosesAdminRightsAtTheNextRenewal() {
        String token = renewed(browser.getJsonObject("tokens").getString("erin"));
        assertEquals(200, api.get("/api/v1/admin/users", Api.bearer(token)).status());
        keycloak.realmRole("erin", "admin", false);
        long demoted = System.nanoTime();
        Api.Reply admin = api.get("/api/v1/admin/users", Api.bearer(token));
        while (admin.status() == 200 && Duration.ofNanos(System.nanoTime() - demoted).compareTo(TTL.plusSeconds(5)) < 0) {
            Videos.sleep(500);
            admin = api.get("/api/v1/admin/users", Api.bearer(token));
            if (admin.status() == 401) { // lapsed: the page renews it, the roles come anew from Keycloak
                token = renewed(token);
                admin = api.get("/api/v1/admin/users", Api.bearer(token));
            }
        }
        assertEquals(403, admin.status(), "still an admin " + Duration.ofNanos(System.nanoTime() - demoted).toSeconds()
                + " s after the role was taken in Keycloak: " + admin.body());
        assertEquals(200, api.get("/api/v1/users/me", Api.bearer(token)).status(), "still a user");
    }

    /** The README's token for scripts: the device authorization grant on the shipped client, approved in a browser. */
    @Test
    void aScriptGetsATokenThroughTheDeviceGrant() {
        assertTrue(device.verificationUri().startsWith(keycloak.issuer()), device.answer().body());
        assertTrue(browser.getBoolean("deviceApproved"), browser.toString());
        Api.Reply tokens = keycloak.pollDeviceGrant(device);
        assertEquals(200, tokens.status(), tokens.body());
        Api.Reply me = api.get("/api/v1/users/me", Api.bearer(tokens.json().getString("access_token")));
        assertEquals(200, me.status(), me.body());
        assertEquals("alice", me.json().getString("username"));
    }

    @Test
    void onlyAccessTokensAreBearerTokensAndRefusalsAreLogged() throws Exception {
        keycloak.allowPasswordGrant();
        JsonObject tokens = keycloak.passwordGrant("alice", "alice", SECRET);
        Api.Reply me = api.get("/api/v1/users/me", Api.bearer(tokens.getString("access_token")));
        assertEquals(200, me.status(), me.body());
        assertEquals("alice", me.json().getString("username"));
        assertTrue(me.json().getJsonArray("roles").toString().contains("admin"), me.body());

        // the ID token names alice for Kinora's audience too, but is no permission to call the API
        Path log = Path.of(System.getProperty("kinora.it.wildfly.log"));
        long before = Files.size(log);
        Api.Reply id = api.get("/api/v1/users/me", Api.bearer(tokens.getString("id_token")));
        assertEquals(401, id.status(), id.body());
        assertEquals("invalid-token", id.json().getString("code"));
        String why = "SSO bearer token refused: not an access token: its typ claim is ID";
        for (int i = 0; i < 20 && !since(log, before).contains(why); i++) Videos.sleep(250);
        assertTrue(since(log, before).contains(why), "the server log says why: " + why);
    }

    /** What the server logged after {@code offset} (this run's lines only). */
    private static String since(Path log, long offset) throws java.io.IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void healthShowsAdminsWhyTheProviderCannotBeUsed() {
        String[] admin = Api.basic(Api.ADMIN, Api.ADMIN_PASSWORD);
        JsonObject ok = api.get("/api/health", admin).json().getJsonObject("checks").getJsonObject("sso");
        assertEquals("UP", ok.getString("status"), ok.toString());
        Management.setSystemProperty("kinora.oidc.jwks-uri", keycloak.issuer() + "/protocol/openid-connect/no-keys-here");
        try {
            Api.Reply health = api.get("/api/health", admin);
            JsonObject sso = health.json().getJsonObject("checks").getJsonObject("sso");
            assertEquals("DOWN", sso.getString("status"), health.body());
            assertTrue(sso.getString("detail").contains("keys (JWKS)") && sso.getString("detail").contains("404"), health.body());
            assertEquals(200, health.status(), "the provider's failure does not take the node out: " + health.body());
            JsonObject anonymous = api.get("/api/health").json().getJsonObject("checks").getJsonObject("sso");
            assertEquals("DOWN", anonymous.getString("status"));
            assertTrue(!anonymous.containsKey("detail") || anonymous.isNull("detail"), anonymous.toString());
        } finally {
            Management.removeSystemProperty("kinora.oidc.jwks-uri");
        }
    }
}
