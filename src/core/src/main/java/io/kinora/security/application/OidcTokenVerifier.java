package io.kinora.security.application;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.kinora.security.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Access tokens from the company's OIDC provider (Keycloak, Entra ID, Okta ...): signature checked against the
 * provider's published keys (JWKS, cached and refreshed by Nimbus), issuer, audience and expiry verified, and
 * roles mapped from a claim onto Kinora's user/admin. Everyone the provider vouches for is a user.
 */
@ApplicationScoped
public class OidcTokenVerifier {
    private static final Logger LOG = Logger.getLogger(OidcTokenVerifier.class.getName());

    @Inject
    OidcSettings settings;

    private final Map<String, JWKSource<SecurityContext>> keys = new ConcurrentHashMap<>();

    /** {@code issuedAt}: the token's iat, null when it has none. */
    public record Identity(String username, String email, Set<String> roles, java.time.Instant issuedAt) { }

    public boolean enabled() { return settings.provider().isPresent(); }

    public Optional<Identity> verify(String token) {
        Optional<OidcSettings.Provider> configured = settings.provider();
        if (configured.isEmpty()) return Optional.empty();
        OidcSettings.Provider p = configured.get();
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.PS256),
                    keys.computeIfAbsent(p.jwksUri(), OidcTokenVerifier::source)));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(p.audience(),
                    new JWTClaimsSet.Builder().issuer(p.issuer()).build(), Set.of("sub", "exp")));
            return Optional.of(identity(processor.process(token, null).getClaims(), p));
        } catch (Exception e) {
            LOG.fine(() -> "OIDC token refused: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Who the claims of a verified token (access or ID token) name, and whether the provider makes them an admin. */
    static Identity identity(Map<String, Object> claims, OidcSettings.Provider p) {
        Object name = claims.get(p.usernameClaim());
        String username = name instanceof String s && !s.isBlank() ? s : String.valueOf(claims.get("sub"));
        Set<String> roles = new LinkedHashSet<>(List.of(Role.USER.id()));
        if (rolesOf(claims, p.rolesClaim()).contains(p.adminRole())) roles.add(Role.ADMIN.id());
        Object email = claims.get("email");
        Object iat = claims.get("iat");
        java.time.Instant issuedAt = iat instanceof java.util.Date d ? d.toInstant()
                : iat instanceof Number n ? java.time.Instant.ofEpochSecond(n.longValue()) : null;
        return new Identity(username, email instanceof String e ? e : null, roles, issuedAt);
    }

    /** A claim given as a dotted path ("realm_access.roles" for Keycloak), holding a list or a single string. */
    static Collection<String> rolesOf(Map<String, Object> claims, String path) {
        Object node = claims;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) return List.of();
            node = m.get(part);
        }
        List<String> roles = new ArrayList<>();
        if (node instanceof Collection<?> c) c.forEach(r -> roles.add(String.valueOf(r)));
        else if (node instanceof String s) roles.add(s);
        return roles;
    }

    private static JWKSource<SecurityContext> source(String uri) {
        try {
            return JWKSourceBuilder.create(new URL(uri)).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("kinora.oidc.jwks-uri is not a URL: " + uri, e);
        }
    }
}
