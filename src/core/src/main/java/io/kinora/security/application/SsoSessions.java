package io.kinora.security.application;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.kinora.problem.ProblemException;
import io.kinora.security.domain.Account;
import io.kinora.security.domain.AccountRepository;
import io.kinora.security.domain.SsoSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Browser sessions through SSO: Kinora's tokens for them live {@code kinora.oidc.token-ttl} (5 min), then the page
 * trades its token for a new one here, which Kinora grants only when the provider still renews the session's refresh
 * token (a disabled person, an ended provider session: refused, and the session ends). The provider ends sessions
 * at once with a back-channel logout; Kinora's sign-out ends its session and sends the browser to the provider's
 * end_session_endpoint (RP-initiated logout).
 */
@ApplicationScoped
@Transactional(dontRollbackOn = ProblemException.class)
public class SsoSessions {
    private static final Logger LOG = Logger.getLogger(SsoSessions.class.getName());

    @PersistenceContext(unitName = "kinora")
    EntityManager em;

    @Inject OidcProviders providers;
    @Inject OidcTokenVerifier verifier;
    @Inject AccountService accountService;
    @Inject AccountRepository accounts;
    @Inject TokenService tokens;
    @Inject OidcDiagnostics diagnostics;

    /** How long Kinora's token of an SSO session lives: the longest a disabled or demoted person keeps access. */
    public static Duration tokenTtl() {
        return ConfigProvider.getConfig(SsoSessions.class.getClassLoader())
                .getOptionalValue("kinora.oidc.token-ttl", Duration.class).orElse(Duration.ofMinutes(5));
    }

    public String start(Account account, String providerSid, String refreshToken, String idToken) {
        SsoSession session = new SsoSession(account.id(), providerSid, refreshToken, idToken);
        em.persist(session);
        return session.id();
    }

    /** Whether Kinora's tokens of this session still count. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean active(String id) {
        SsoSession s = em.find(SsoSession.class, id);
        return s != null && s.active();
    }

    /**
     * A new Kinora token for the session the given one (expired or not) belongs to, if the provider still renews it:
     * roles come anew from the provider's fresh access token. 401 sso-session-ended otherwise.
     */
    public TokenService.Issued refresh(String kinoraToken) {
        TokenService.Claims claims = tokens.parseIgnoringExpiry(kinoraToken).filter(c -> c.session() != null)
                .orElseThrow(() -> ProblemException.unauthorized("invalid-token", "not a token of a sign-in through SSO"));
        SsoSession session = em.find(SsoSession.class, claims.session());
        Account account = session == null ? null : accounts.findById(session.accountId()).orElse(null);
        if (session == null || !session.active() || account == null || session.refreshToken() == null
                || !accountService.tokenValid(account.id(), claims.generation())) {
            throw ended("this sign-in has ended; sign in again");
        }
        TokenResponse response = providers.token(new RefreshTokenGrant(new RefreshToken(session.refreshToken())));
        if (!response.indicatesSuccess()) {
            String why = response.toErrorResponse().getErrorObject().getCode() + " "
                    + response.toErrorResponse().getErrorObject().getDescription();
            diagnostics.refused("SSO session refresh", "the provider refused to renew the session of " + account.username() + ": " + why);
            session.end();
            throw ended("the sign-in provider ended this sign-in; sign in again");
        }
        Tokens renewed = response.toSuccessResponse().getTokens();
        OidcTokenVerifier.Identity who = verifier.verify(renewed.getAccessToken().getValue())
                .filter(i -> i.subject().equals(account.oidcSubject()))
                .orElseThrow(() -> {
                    session.end();
                    return ended("the provider's renewed token was not accepted; sign in again");
                });
        Account current = accountService.provisionOidc(who);
        session.renewed(renewed.getRefreshToken() == null ? null : renewed.getRefreshToken().getValue(),
                renewed instanceof OIDCTokens oidc ? oidc.getIDTokenString() : null);
        return tokens.issue(current, session.id(), tokenTtl());
    }

    /**
     * Kinora's sign-out of an SSO session: the session ends, and the browser goes on to the provider's logout
     * (id_token_hint, post_logout_redirect_uri) so that the next sign-in asks for the password again. Empty when
     * the token is not of an SSO session or the provider has no end_session_endpoint.
     */
    public Optional<URI> signOut(String kinoraToken, URI afterwards) {
        Optional<SsoSession> session = tokens.parseIgnoringExpiry(kinoraToken).map(TokenService.Claims::session)
                .map(id -> em.find(SsoSession.class, id));
        if (session.isEmpty()) return Optional.empty();
        session.get().end();
        OidcProviders.Provider provider = providers.current();
        URI endSession = provider.metadata().getEndSessionEndpointURI();
        if (endSession == null) return Optional.empty();
        com.nimbusds.jwt.JWT hint = null;
        try {
            if (session.get().idToken() != null) hint = JWTParser.parse(session.get().idToken());
        } catch (java.text.ParseException e) {
            // without the hint the provider asks the person to confirm the sign-out
        }
        return Optional.of(new LogoutRequest(endSession, hint, null, new ClientID(provider.config().audience()), afterwards,
                null, null).toURI());
    }

    /**
     * The provider's back-channel logout (OIDC Back-Channel Logout 1.0): a logout token signed by it, for Kinora's
     * client, naming a provider session (sid) or a person (sub); those sessions end at once.
     */
    public int backChannelLogout(String logoutToken) {
        OidcProviders.Provider provider = providers.current();
        LogoutTokenClaimsSet claims;
        try {
            claims = provider.logoutTokens().validate(JWTParser.parse(logoutToken));
        } catch (Exception e) {
            diagnostics.refused("SSO logout token", e.getMessage());
            throw ProblemException.badRequest("invalid-logout-token", "the logout token did not check out");
        }
        List<SsoSession> ended = claims.getSessionID() != null
                ? em.createQuery("select s from SsoSession s where s.providerSid = :sid and s.endedAt is null", SsoSession.class)
                        .setParameter("sid", claims.getSessionID().getValue()).getResultList()
                : accounts.findByOidcIdentity(provider.config().issuer(), claims.getSubject().getValue())
                        .map(a -> em.createQuery("select s from SsoSession s where s.accountId = :a and s.endedAt is null",
                                SsoSession.class).setParameter("a", a.id()).getResultList())
                        .orElse(List.of());
        ended.forEach(SsoSession::end);
        LOG.info(() -> "SSO back-channel logout ended " + ended.size() + " session(s)");
        return ended.size();
    }

    private static ProblemException ended(String detail) {
        return ProblemException.unauthorized("sso-session-ended", detail);
    }
}
