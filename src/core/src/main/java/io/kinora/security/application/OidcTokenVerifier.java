package io.kinora.security.application;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jwt.proc.BadJWTException;
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

/**
 * Access tokens from the company's OIDC provider (Keycloak, Entra ID, Okta ...): signature checked against the
 * provider's published keys (JWKS, cached and refreshed by Nimbus), issuer, audience and expiry verified, and
 * roles mapped from a claim onto Kinora's user/admin. Everyone the provider vouches for is a user. Only access
 * tokens: an ID token or a logout token names the same person for the same audience, but is no permission to call
 * an API ({@link #ACCESS_TOKEN_TYPES}). Why a token was refused goes to {@link OidcDiagnostics}.
 */
@ApplicationScoped
public class OidcTokenVerifier {
    @Inject
    OidcSettings settings;

    @Inject
    OidcDiagnostics diagnostics;

    /**
     * The JWT header's typ of an access token: plain JWT (Keycloak, Entra ID, Okta), RFC 9068's at+jwt, or none;
     * a logout token's logout+jwt is refused here already.
     */
    static final Set<JOSEObjectType> ACCESS_TOKEN_TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
            new JOSEObjectType("application/at+jwt"));

    private final Map<String, JWKSource<SecurityContext>> keys = new ConcurrentHashMap<>();

    /**
     * {@code issuer} + {@code subject}: who the person is at the provider (the account's key); {@code issuedAt}: the
     * token's iat, null when it has none; {@code providerSession}: the provider's session id (sid), if it names one.
     */
    public record Identity(String issuer, String subject, String username, String email, Set<String> roles,
                           java.time.Instant issuedAt, String providerSession) { }

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
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(typesWithNone()));
            processor.setJWTClaimsSetVerifier(new AccessTokenClaims(p));
            return Optional.of(identity(processor.process(token, null).getClaims(), p));
        } catch (Exception e) {
            diagnostics.refused("SSO bearer token", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return Optional.empty();
        }
    }

    private static Set<JOSEObjectType> typesWithNone() {
        Set<JOSEObjectType> types = new java.util.HashSet<>(ACCESS_TOKEN_TYPES);
        types.add(null);
        return types;
    }

    /**
     * Issuer, audience (the client id), sub and exp as before, and the token's own word on what it is: Keycloak writes
     * typ Bearer into access tokens, ID into ID tokens, Logout into logout tokens; a logout token carries events.
     */
    static final class AccessTokenClaims extends DefaultJWTClaimsVerifier<SecurityContext> {
        AccessTokenClaims(OidcSettings.Provider p) {
            super(p.audience(), new JWTClaimsSet.Builder().issuer(p.issuer()).build(), Set.of("sub", "exp"));
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            Object typ = claims.getClaim("typ");
            if (typ != null && !"Bearer".equalsIgnoreCase(String.valueOf(typ))) {
                throw new BadJWTException("not an access token: its typ claim is " + typ);
            }
            if (claims.getClaim("events") != null) throw new BadJWTException("not an access token: a logout token");
            super.verify(claims, context);
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
        Object sid = claims.get("sid");
        return new Identity(p.issuer(), String.valueOf(claims.get("sub")), username,
                email instanceof String e ? e : null, roles, issuedAt, sid instanceof String id ? id : null);
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
