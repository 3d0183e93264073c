package io.kinora.security.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether anyone may create a local account (POST /api/v1/users). With a company provider configured, accounts come
 * from it and self-registration is off unless {@code kinora.registration.enabled=true} says otherwise: a local
 * account under a colleague's name would otherwise block that colleague's SSO account (the linking policy in the
 * README). Read on every use, like the provider settings.
 */
@ApplicationScoped
public class RegistrationPolicy {
    @Inject OidcSettings oidc;

    public boolean open() {
        return ConfigProvider.getConfig(RegistrationPolicy.class.getClassLoader())
                .getOptionalValue("kinora.registration.enabled", Boolean.class)
                .orElse(oidc.provider().isEmpty());
    }
}
