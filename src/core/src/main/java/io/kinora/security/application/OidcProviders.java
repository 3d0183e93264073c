package io.kinora.security.application;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import io.kinora.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured provider as the browser flows need it (oauth2-oidc-sdk): its endpoints from the discovery document,
 * validators for its ID and logout tokens (which cache its keys), and calls to its token endpoint as Kinora's client.
 * Resolved once per issuer and client.
 */
@ApplicationScoped
public class OidcProviders {
    @Inject OidcSettings settings;
    @Inject OidcDiagnostics diagnostics;

    /** What Kinora knows of one provider. */
    public record Provider(OidcSettings.Provider config, OIDCProviderMetadata metadata, IDTokenValidator idTokens,
                           LogoutTokenValidator logoutTokens) { }

    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    /** The configured provider, or 404 sso-not-configured. */
    public OidcSettings.Provider configured() {
        return settings.provider().filter(p -> p.audience() != null).orElseThrow(() -> ProblemException.notFound(
                "sso-not-configured", "no OpenID Connect provider is configured (kinora.oidc.issuer, kinora.oidc.client-id)"));
    }

    public Provider current() {
        OidcSettings.Provider p = configured();
        String key = p.issuer() + " " + p.audience();
        Provider known = providers.get(key);
        if (known != null) return known;
        try {
            HTTPRequest discovery = new HTTPRequest(HTTPRequest.Method.GET, URI.create(settings.discoveryUri(p)));
            discovery.setConnectTimeout(5_000);
            discovery.setReadTimeout(10_000);
            OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(discovery.send().getContentAsJSONObject());
            if (!metadata.getIssuer().equals(new Issuer(p.issuer()))) {
                throw new IllegalStateException("the discovery document names the issuer " + metadata.getIssuer());
            }
            ClientID client = new ClientID(p.audience());
            Provider resolved = new Provider(p, metadata,
                    new IDTokenValidator(metadata.getIssuer(), client, JWSAlgorithm.RS256, metadata.getJWKSetURI().toURL()),
                    new LogoutTokenValidator(metadata.getIssuer(), client, JWSAlgorithm.RS256, metadata.getJWKSetURI().toURL()));
            providers.put(key, resolved);
            return resolved;
        } catch (Exception e) {
            diagnostics.refused("SSO discovery", "the discovery document of " + p.issuer() + " cannot be used: " + e.getMessage());
            throw new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "sso-provider-unavailable", "the sign-in provider cannot be reached");
        }
    }

    /** The provider's answer to a grant (code, refresh token) from Kinora's client; an error answer is returned too. */
    public TokenResponse token(AuthorizationGrant grant) {
        Provider provider = current();
        ClientID client = new ClientID(provider.config().audience());
        URI endpoint = provider.metadata().getTokenEndpointURI();
        TokenRequest request = settings.clientSecret()
                .map(secret -> new TokenRequest(endpoint, new ClientSecretBasic(client, new Secret(secret)), grant))
                .orElseGet(() -> new TokenRequest(endpoint, client, grant));
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(5_000);
            http.setReadTimeout(10_000);
            return OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "sso-provider-unavailable", "the provider's token endpoint did not answer");
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "sso-provider-unavailable", "the provider's token endpoint answered nonsense");
        }
    }
}
