package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Local accounts, bearer tokens and the 401/403 contract, over real HTTP. */
class AuthIT extends AgainstTheServer {
    static final String ADMIN = Api.ADMIN;
    static final String ADMIN_PASSWORD = Api.ADMIN_PASSWORD;

    private final Api api = Api.local();

    private static void assertProblem(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        JsonObject p = r.json();
        assertEquals(code, p.getString("code"), r.body());
        assertEquals(status, p.getInt("status"));
        assertTrue(p.getString("type").endsWith("/" + code), r.body());
    }

    @Test
    void firstAdminFromConfigurationGetsABearerToken() {
        Api.Reply r = api.postJson("/api/v1/auth/token", Api.credentials(ADMIN, ADMIN_PASSWORD));
        assertEquals(200, r.status(), r.body());
        JsonObject t = r.json();
        assertEquals("Bearer", t.getString("token_type"));
        assertEquals(600, t.getJsonNumber("expires_in").longValue());
        assertEquals(3, t.getString("access_token").split("\\.").length, "a JWT");
        Api.Reply me = api.get("/api/v1/users/me", Api.bearer(t.getString("access_token")));
        assertEquals(200, me.status(), me.body());
        assertTrue(me.json().getJsonArray("roles").toString().contains("admin"));
    }

    @Test
    void wrongPasswordIs401WithAReason() {
        assertProblem(api.postJson("/api/v1/auth/token", Api.credentials(ADMIN, "not-the-password")), 401, "invalid-credentials");
        assertProblem(api.postJson("/api/v1/auth/token", Api.credentials("nobody-" + UUID.randomUUID(), "whatever123")),
                401, "invalid-credentials");
    }

    @Test
    void writeWithoutTokenIs401() {
        Api.Reply noToken = api.send("PUT", "/api/v1/users/me/password",
                "{\"currentPassword\":\"x\",\"newPassword\":\"yyyyyyyyyy\"}", "application/json");
        assertProblem(noToken, 401, "authentication-required");
        assertTrue(noToken.header("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void userTokenOnAdminEndpointIs403() {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = api.postJson("/api/v1/users", Api.credentials(name, "user-password-1"));
        assertEquals(201, created.status(), created.body());
        String token = api.token(name, "user-password-1");
        assertProblem(api.get("/api/v1/admin/users", Api.bearer(token)), 403, "forbidden");
        Api.Reply asAdmin = api.get("/api/v1/admin/users?limit=500", Api.bearer(api.token(ADMIN, ADMIN_PASSWORD)));
        assertEquals(200, asAdmin.status(), asAdmin.body());
        assertTrue(asAdmin.body().contains("\"" + name + "\""), asAdmin.body());
    }

    @Test
    void tamperedOrExpiredLookingTokensAre401WithJson() {
        String token = api.token(ADMIN, ADMIN_PASSWORD);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertProblem(api.get("/api/v1/users/me", Api.bearer(tampered)), 401, "invalid-token");
        assertProblem(api.get("/api/v1/users/me", Api.bearer("garbage")), 401, "invalid-token");
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword() {
        String name = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.postJson("/api/v1/users", Api.credentials(name, "first-password")).status());
        String token = api.token(name, "first-password");
        assertProblem(api.send("PUT", "/api/v1/users/me/password",
                "{\"currentPassword\":\"wrong-one\",\"newPassword\":\"second-password\"}", "application/json",
                Api.bearer(token)), 403, "wrong-current-password");
        Api.Reply ok = api.send("PUT", "/api/v1/users/me/password",
                "{\"currentPassword\":\"first-password\",\"newPassword\":\"second-password\"}", "application/json",
                Api.bearer(token));
        assertEquals(204, ok.status(), ok.body());
        assertEquals(401, api.postJson("/api/v1/auth/token", Api.credentials(name, "first-password")).status());
        assertNotNull(api.token(name, "second-password"));
    }

    @Test
    void basicCredentialsWorkForScripts() {
        Api.Reply r = api.get("/api/v1/users/me", Api.basic(ADMIN, ADMIN_PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertEquals(ADMIN, r.json().getString("username"));
        assertProblem(api.get("/api/v1/users/me", Api.basic(ADMIN, "nope-nope")), 401, "invalid-credentials");
    }

    @Test
    void registrationRejectsBadInputWithReasons() {
        assertProblem(api.postJson("/api/v1/users", Api.credentials("../etc", "long-enough-1")), 400, "invalid-username");
        assertProblem(api.postJson("/api/v1/users", Api.credentials("shorty-" + UUID.randomUUID().toString().substring(0, 6), "short")),
                400, "weak-password");
        assertProblem(api.postJson("/api/v1/users", Api.credentials(ADMIN, "another-password")), 409, "username-taken");
        assertProblem(api.postJson("/api/v1/users", "{not json"), 400, "malformed-json");
    }
    @Test
    void withoutAProviderThereIsNoSsoSignIn() {
        Api.Reply status = api.get("/api/v1/auth/sso");
        assertEquals(200, status.status(), status.body());
        assertFalse(status.json().getBoolean("enabled"));
        assertProblem(api.get("/api/v1/auth/sso/login"), 404, "sso-not-configured");
        assertProblem(api.get("/api/v1/auth/sso/callback?code=x&state=y"), 404, "sso-not-configured");
    }
}
