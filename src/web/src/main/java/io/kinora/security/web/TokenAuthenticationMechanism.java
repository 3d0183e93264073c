package io.kinora.security.web;

import io.kinora.ops.metrics.OpsCounters;
import io.kinora.problem.ProblemException;
import io.kinora.problem.TooManyAttempts;
import io.kinora.security.application.AccountService;
import io.kinora.security.application.OidcTokenVerifier;
import io.kinora.security.application.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.kinora.web.ClientAddresses;
import io.kinora.web.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the caller from `Authorization: Bearer <kinora token>` (or HTTP Basic against the local
 * accounts, for scripts, through the password guard shared with the token endpoint). No header → anonymous; resources decide whether that is enough.
 * A header that does not check out → 401 problem (see {@link RefusedCredentialFilter}): a bad credential
 * is never treated as anonymous.
 */
@ApplicationScoped
public class TokenAuthenticationMechanism implements HttpAuthenticationMechanism {
    @Inject
    TokenService tokens;


    @Inject
    OidcTokenVerifier oidc;

    @Inject
    AccountService accounts;

    @Inject
    ClientAddresses clients;

    @Inject
    OpsCounters counters;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return context.doNothing();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            var kinora = tokens.verify(token);
            if (kinora.isPresent()) return context.notifyContainerAboutLogin(kinora.get().username(), kinora.get().roles());
            // not one of ours (an expired or ended Kinora token is no SSO token either): perhaps an access token from
            // the company's OIDC provider
            var identity = TokenService.looksOwn(token) ? java.util.Optional.<OidcTokenVerifier.Identity>empty() : oidc.verify(token);
            if (identity.isPresent()) {
                try {
                    var account = accounts.provisionOidc(identity.get());
                    // ... issued after the account's last "sign out everywhere"
                    if (account.acceptsTokenIssuedAt(identity.get().issuedAt())) {
                        return context.notifyContainerAboutLogin(account.username(), account.roleIds());
                    }
                } catch (ProblemException refused) {
                    // a disabled account, a name held by someone else: say so, not "invalid"
                    request.setAttribute(REFUSED, new Refusal(Problem.status(refused.kind()), refused.code(), refused.getMessage(), 0));
                    return context.doNothing();
                }
            }
            return reject(request, context, "invalid-token", "bearer token is invalid or expired");
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return reject(request, context, "invalid-credentials", "malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                try {
                    var account = accounts.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1),
                            clients.of(request));
                    if (account.isPresent()) {
                        return context.notifyContainerAboutLogin(account.get().username(), account.get().roleIds());
                    }
                } catch (TooManyAttempts t) {
                    counters.rateLimited("auth");
                    request.setAttribute(REFUSED, new Refusal(429, t.code(), t.getMessage(), t.retryAfterSeconds()));
                    return context.doNothing();
                }
            }
            return reject(request, context, "invalid-credentials", "wrong username or password");
        }
        return reject(request, context, "unsupported-authorization", "use a Bearer token or Basic credentials");
    }

    /** The attribute under which a refused credential waits for {@link RefusedCredentialFilter}. */
    public static final String REFUSED = "kinora.refused-credential";

    /** Why a credential was refused: 401, or 429 (password guard) with the seconds to wait. */
    public record Refusal(int status, String code, String detail, long retryAfterSeconds) {
        public Problem problem() { return Problem.of(status, code, detail); }

        /** The headers the answer carries besides the problem body. */
        public void headers(java.util.function.BiConsumer<String, String> header) {
            if (status == 401) header.accept("WWW-Authenticate", "Bearer realm=\"kinora\", error=\"invalid_token\"");
            if (retryAfterSeconds > 0) header.accept("Retry-After", Long.toString(retryAfterSeconds));
        }
    }

    /**
     * Remembers why the credential was refused and lets the request continue unauthenticated; the JAX-RS
     * filter then answers 401 with a problem body. Answering here would let the container replace the
     * body with its own HTML error page.
     */
    private static AuthenticationStatus reject(HttpServletRequest request, HttpMessageContext context,
                                               String code, String detail) {
        request.setAttribute(REFUSED, new Refusal(401, code, detail, 0));
        return context.doNothing();
    }
}
