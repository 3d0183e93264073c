package io.kinora.security.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kinora.security.domain.Account;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kinora's own bearer tokens: HS256 JWTs (Nimbus JOSE) signed with a key shared through the database,
 * so any node verifies what another issued. Roles travel in the token. A token of a sign-in through SSO names its
 * {@link SsoSessions session} (sid) and lives {@code kinora.oidc.token-ttl}: it stops working when that session ends.
 */
@ApplicationScoped
public class TokenService {
    static final String ISSUER = "kinora";

    @Inject
    SettingsService settings;

    @Inject
    AccountService accounts;

    @Inject
    SsoSessions sessions;

    @Inject
    @ConfigProperty(name = "kinora.token.ttl", defaultValue = "PT1H")
    Duration ttl;

    private byte[] key;

    @PostConstruct
    void loadKey() {
        key = Base64.getDecoder().decode(settings.secret("token.signing-key"));
    }

    public record Issued(String token, long expiresInSeconds) { }

    /** {@code session}: the SSO session the token belongs to, null for a password sign-in. */
    public record Claims(long userId, String username, Set<String> roles, int generation, String session) { }

    TokenService() { }

    /** Outside the container (fuzz tests): parse with this key only. */
    TokenService(byte[] key) { this.key = key; }

    public Issued issue(Account account) {
        return issue(account, null, ttl);
    }

    public Issued issue(Account account, String session, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(account.username())
                .claim("uid", account.id())
                .claim("groups", List.copyOf(account.roleIds()))
                .claim("gen", account.tokenGeneration())
                .claim("sid", session)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return new Issued(jwt.serialize(), lifetime.toSeconds());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    /**
     * The claims of a well-signed, unexpired Kinora token whose account is still enabled and has not revoked its
     * tokens since (password change, sign-out everywhere, disabling); empty for anything else.
     */
    public Optional<Claims> verify(String token) {
        return parse(token).filter(c -> accounts.tokenValid(c.userId(), c.generation()))
                .filter(c -> c.session() == null || sessions.active(c.session()));
    }

    /** Whether this says it is one of Kinora's own tokens (unverified: only to keep it away from the SSO checks). */
    public static boolean looksOwn(String token) {
        try {
            return ISSUER.equals(SignedJWT.parse(token).getJWTClaimsSet().getIssuer());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /** Signature, issuer and claims of a Kinora token, expired or not: what an SSO session's renewal starts from. */
    public Optional<Claims> parseIgnoringExpiry(String token) {
        return parse(token, true);
    }

    /** Signature, issuer, expiry and claims only (no database): empty for anything that is not a good token. */
    Optional<Claims> parse(String token) {
        return parse(token, false);
    }

    private Optional<Claims> parse(String token, boolean expiredToo) {
        if (token == null || token.length() > 8192) return Optional.empty();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(c.getIssuer()) || c.getExpirationTime() == null
                    || !expiredToo && c.getExpirationTime().toInstant().isBefore(Instant.now())) {
                return Optional.empty();
            }
            Long uid = c.getLongClaim("uid");
            List<String> groups = c.getStringListClaim("groups");
            if (uid == null || groups == null || c.getSubject() == null) return Optional.empty();
            Long gen = c.getClaim("gen") == null ? Long.valueOf(0) : c.getLongClaim("gen"); // tokens from before: 0
            if (gen == null || gen < 0 || gen > Integer.MAX_VALUE) return Optional.empty();
            return Optional.of(new Claims(uid, c.getSubject(), new LinkedHashSet<>(groups), gen.intValue(), c.getStringClaim("sid")));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
