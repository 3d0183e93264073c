package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Deployments;
import io.kinora.it.support.Management;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Enterprise SSO: access tokens from a real OpenID Connect provider (discovery, JWKS and token endpoint over
 * HTTP) are accepted as bearer tokens; the account is provisioned on first use and roles come from a claim.
 * Tokens of another issuer, for another audience, expired, or naming a local account are refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OidcIT {
    static final String ISSUER_ID = "company";
    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() { return Deployments.ear(); }

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
                token(ISSUER_ID, "kinora", AuthIT.ADMIN, List.of("admin"), 600))) {      // names a local account
            Api.Reply r = api.get("/api/v1/users/me", Api.bearer(bad));
            assertEquals(401, r.status(), r.body());
            assertEquals("invalid-token", r.json().getString("code"));
        }
    }
}
