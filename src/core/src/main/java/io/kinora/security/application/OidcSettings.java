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

    public Optional<Provider> provider() {
        Config c = ConfigProvider.getConfig(OidcSettings.class.getClassLoader());
        return c.getOptionalValue("kinora.oidc.issuer", String.class).filter(s -> !s.isBlank()).map(issuer -> {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
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
