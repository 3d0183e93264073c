package io.kinora.security.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.kinora.problem.ProblemException;
import io.kinora.security.domain.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * Signing in through the company's OpenID Connect provider in the browser: the authorization code flow with PKCE,
 * state and nonce (oauth2-oidc-sdk). The provider's endpoints come from its discovery document; what must survive
 * the round trip (state, nonce, code verifier, where to go back) travels in a short-lived cookie signed with a key
 * shared through the database, so any node can finish a sign-in another began. The ID token is checked against the
 * provider's keys, issuer, audience (the client id), expiry and the nonce; the account is provisioned as for
 * bearer tokens ({@link OidcTokenVerifier}).
 */
@ApplicationScoped
public class SsoSignIn {
    public static final Duration PENDING_TTL = Duration.ofMinutes(10);
    /** Where a finished sign-in may send the browser: the viewer app or the admin console, nothing else. */
    private static final Map<String, String> RETURN_PATHS = Map.of("app", "/", "admin", "/admin/");

    @Inject OidcSettings settings;
    @Inject OidcProviders providers;
    @Inject SettingsService secrets;
    @Inject AccountService accounts;
    @Inject SsoSessions sessions;
    @Inject OidcDiagnostics diagnostics;

    private volatile byte[] stateKey;

    /** Where to send the browser, and the value of the cookie that must come back with it. */
    public record Start(URI authorization, String pending) { }

    public boolean enabled() {
        return settings.provider().map(p -> p.audience() != null).orElse(false);
    }

    /** The callback URL: configured (behind a proxy), else the one this request came in on. */
    public URI callback(URI fromRequest) {
        return settings.redirectUri().map(URI::create).orElse(fromRequest);
    }

    public Start begin(URI callback, String returnTo) {
        OidcProviders.Provider provider = providers.current();
        OidcSettings.Provider p = provider.config();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), new ClientID(p.audience()), callback)
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build();
        String back = RETURN_PATHS.getOrDefault(returnTo == null ? "app" : returnTo, "/");
        JWTClaimsSet pending = new JWTClaimsSet.Builder().claim("st", state.getValue()).claim("nn", nonce.getValue())
                .claim("cv", verifier.getValue()).claim("rt", back)
                .expirationTime(Date.from(Instant.now().plus(PENDING_TTL))).build();
        return new Start(request.toURI(), sign(pending));
    }

    /** A finished sign-in: the account, its new SSO session, and the page to go back to. */
    public record Finished(Account account, String session, String returnPath) { }

    /**
     * The provider's answer: {@code code} and {@code state} (or {@code error}) from the callback's query, and the
     * cookie {@link #begin} set. Every way this can go wrong is a {@link ProblemException} with its own code.
     */
    public Finished complete(URI callback, String code, String state, String error, String errorDescription,
                             String pendingCookie) {
        providers.configured(); // 404 sso-not-configured before anything else
        JWTClaimsSet pending = verifyPending(pendingCookie);
        String expectedState = (String) pending.getClaim("st");
        if (state == null || !state.equals(expectedState)) {
            throw ProblemException.badRequest("sso-state-invalid", "the sign-in's state does not match; start again");
        }
        if (error != null) {
            throw ProblemException.unauthorized("sso-refused", "the provider refused the sign-in: " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")"));
        }
        if (code == null || code.isBlank()) throw ProblemException.badRequest("sso-code-missing", "no authorization code");
        OidcProviders.Provider provider = providers.current();
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), callback,
                new CodeVerifier((String) pending.getClaim("cv")));
        TokenResponse response = providers.token(grant);
        if (!response.indicatesSuccess()) {
            String refused = response.toErrorResponse().getErrorObject().getCode();
            diagnostics.refused("SSO code exchange", "the provider refused the code: " + refused);
            throw ProblemException.unauthorized("sso-token-refused", "the provider refused the code: " + refused);
        }
        OIDCTokens tokens = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        Map<String, Object> claims;
        try {
            claims = provider.idTokens().validate(tokens.getIDToken(), new Nonce((String) pending.getClaim("nn"))).toJSONObject();
        } catch (Exception e) {
            diagnostics.refused("SSO ID token", e.getMessage());
            throw ProblemException.unauthorized("sso-token-invalid", "the provider's ID token did not check out");
        }
        OidcTokenVerifier.Identity who = OidcTokenVerifier.identity(claims, provider.config());
        Account account = accounts.provisionOidc(who);
        String session = sessions.start(account, who.providerSession(),
                tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue(), tokens.getIDTokenString());
        return new Finished(account, session, (String) pending.getClaim("rt"));
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the sign-in state", e);
        }
    }

    private JWTClaimsSet verifyPending(String cookie) {
        if (cookie != null && !cookie.isBlank()) {
            try {
                SignedJWT jwt = SignedJWT.parse(cookie);
                JWTClaimsSet claims = jwt.getJWTClaimsSet();
                if (JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) && jwt.verify(new MACVerifier(key()))
                        && claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isAfter(Instant.now())) {
                    return claims;
                }
            } catch (ParseException | JOSEException e) {
                // falls through: a cookie that is not ours is the same as none
            }
        }
        throw ProblemException.badRequest("sso-state-invalid", "this sign-in was not started here, or took too long; start again");
    }

    private byte[] key() {
        if (stateKey == null) stateKey = Base64.getDecoder().decode(secrets.secret("sso.state-key"));
        return stateKey;
    }
}
