package io.kinora.security.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The company's OpenID Connect provider, if one is configured (KINORA_OIDC_ISSUER ...). Read on every use so
 * an operator can switch SSO on without a redeploy.
 */
@ApplicationScoped
public class OidcSettings {
    public record Provider(String issuer, String audience, String jwksUri, String rolesClaim, String adminRole,
                           String usernameClaim) { }

    /** Browser sign-in (authorization code flow): the client secret, if the client is confidential. */
    public Optional<String> clientSecret() {
        return config().getOptionalValue("kinora.oidc.client-secret", String.class).filter(s -> !s.isBlank());
    }

    /** Where the provider sends the browser back, when the URL the request came in on is not it (a proxy in front). */
    public Optional<String> redirectUri() {
        return config().getOptionalValue("kinora.oidc.redirect-uri", String.class).filter(s -> !s.isBlank());
    }

    /**
     * Where Kinora itself fetches the provider's discovery document, when it cannot use the issuer's own address
     * (a container network: the browser's issuer is http://localhost:8180/..., the server's http://keycloak:8080/...).
     */
    public String discoveryUri(Provider p) {
        return config().getOptionalValue("kinora.oidc.discovery-uri", String.class).filter(s -> !s.isBlank())
                .orElse(withoutTrailingSlash(p.issuer()) + "/.well-known/openid-configuration");
    }

    private static String withoutTrailingSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    private static Config config() {
        return ConfigProvider.getConfig(OidcSettings.class.getClassLoader());
    }

    public Optional<Provider> provider() {
        Config c = config();
        return c.getOptionalValue("kinora.oidc.issuer", String.class).filter(s -> !s.isBlank()).map(issuer -> {
            String base = withoutTrailingSlash(issuer);
            return new Provider(issuer,
                    c.getOptionalValue("kinora.oidc.client-id", String.class).orElse(null),
                    // Keycloak convention by default; any provider: set the JWKS URL from its discovery document
                    c.getOptionalValue("kinora.oidc.jwks-uri", String.class).orElse(base + "/protocol/openid-connect/certs"),
                    c.getOptionalValue("kinora.oidc.roles-claim", String.class).orElse("groups"),
                    c.getOptionalValue("kinora.oidc.admin-role", String.class).orElse("admin"),
                    c.getOptionalValue("kinora.oidc.username-claim", String.class).orElse("preferred_username"));
        });
    }
}
